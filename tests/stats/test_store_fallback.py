"""Redis unreachable: the counter store counts through the database (stores/fallback.py).

Runs everywhere: the Redis store is pointed at a port nothing listens on (a Redis that is down),
never at the shared one; the tests of a reply lost after Redis ran a batch need REDIS_URL."""

import logging
import os
import time

import pytest
import redis

from tests.support.net import free_port
from tests.support.stats import metric, page_counts
from vnportal.core import redis_health
from vnportal.stats import clock
from vnportal.stats.stores import fallback
from vnportal.stats.stores.base import BatchId
from vnportal.stats.stores.database import DatabaseStore
from vnportal.stats.stores.fallback import RedisWithFallback
from vnportal.stats.stores.redis import RedisStore

from .test_stores import make_hit


@pytest.fixture
def dead_redis_store(monkeypatch):
    monkeypatch.setattr(redis_health, "health", redis_health.Health())  # this test's outage only
    primary = RedisStore(url=f"redis://127.0.0.1:{free_port()}/0", prefix="vnportal-test-dead")
    return RedisWithFallback(primary, lambda: DatabaseStore(background=False))


def test_hits_taken_while_redis_is_down_are_counted(db, stats_clock, article, site, dead_redis_store, caplog):
    caplog.set_level(logging.WARNING)
    store = dead_redis_store
    store.record(make_hit("g:reader", article.pk, site_id=site.pk))
    stats_clock.advance(seconds=5)
    store.record(make_hit("g:reader", article.pk, site_id=site.pk))
    store.record_many([make_hit("g:other", article.pk, site_id=site.pk)], {(site.pk, "2020-11-13", "bot"): 2})
    store.exclude(site.pk, "2020-11-13", "prefetch")
    assert store.diverted == 6  # 3 hits, 3 exclusions
    assert store.flush() == 3  # the database part is written; the Redis part waits, logged
    assert metric("pageviews") == 3 and metric("visits") == 2 and page_counts(article.pk) == (2, 3)
    assert store.online(site.pk, make_hit("g:x").ts, 300)["guests"] == 2
    assert "counting through the database" in caplog.text
    assert "wait for it to come back" in caplog.text


def test_a_batch_redis_refused_to_connect_for_goes_to_the_database_at_once(
    db, stats_clock, article, site, dead_redis_store, caplog
):
    """Nothing was sent, so nothing is unsure: no wait for Redis, no warning of a double count."""
    caplog.set_level(logging.WARNING)
    hits = [make_hit(f"g:{n}", article.pk, site_id=site.pk) for n in range(3)]
    started = time.monotonic()
    dead_redis_store.record_many(hits, None, BatchId.first())
    assert time.monotonic() - started < fallback.FENCE_SECONDS / 2
    assert dead_redis_store.diverted == 3
    dead_redis_store.flush()
    assert metric("pageviews") == 3
    assert "twice" not in caplog.text


def test_a_batch_whose_fate_redis_cannot_tell_is_counted_and_the_doubt_logged(
    db, stats_clock, article, site, dead_redis_store, monkeypatch, caplog
):
    """The write failed in a way that may have reached Redis (a read timed out), and Redis
    does not answer the fence: the hits are counted through the database and the log says
    how many may count twice (never silently)."""
    caplog.set_level(logging.WARNING)
    monkeypatch.setattr(fallback, "FENCE_SECONDS", 0.3)
    monkeypatch.setattr(redis_health, "RETRY_AFTER", 0.05)

    def reply_lost(hits, excluded=None, batch=None):
        raise redis.TimeoutError("Timeout reading from 127.0.0.1:6379")

    monkeypatch.setattr(dead_redis_store.primary, "record_many", reply_lost)
    hits = [make_hit(f"g:{n}", article.pk, site_id=site.pk) for n in range(4)]
    dead_redis_store.record_many(hits, None, BatchId.first())
    assert dead_redis_store.diverted == 4
    dead_redis_store.flush()
    assert metric("pageviews") == 4
    assert "Redis stopped answering while it was taking 4 statistics hits" in caplog.text


def test_a_batch_unsure_while_redis_is_already_down_is_not_waited_for_but_logged(
    db, stats_clock, article, site, dead_redis_store, monkeypatch, caplog
):
    """An outage under way (Redis takes connections, answers nothing): the batches that try it
    are not each held for the fence; each is counted through the database, its doubt logged."""
    caplog.set_level(logging.WARNING)
    redis_health.health.failed(redis.TimeoutError("Timeout reading from 127.0.0.1:6379"))

    def reply_lost(hits, excluded=None, batch=None):
        raise redis.TimeoutError("Timeout reading from 127.0.0.1:6379")

    monkeypatch.setattr(dead_redis_store.primary, "record_many", reply_lost)
    started = time.monotonic()
    batch = BatchId.first()
    for n in range(3):
        dead_redis_store.record_many([make_hit(f"g:{n}", article.pk, site_id=site.pk)], None, batch)
        batch = batch.next()
    assert time.monotonic() - started < 0.5
    assert dead_redis_store.diverted == 3
    dead_redis_store.flush()
    assert metric("pageviews") == 3
    assert caplog.text.count("Redis stopped answering while it was taking 1 statistics hits") == 3


needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")


@pytest.fixture
def live_redis_store(db, monkeypatch):
    from vnportal.stats.stores import make_store

    monkeypatch.setattr(redis_health, "health", redis_health.Health())  # this test's outage only
    monkeypatch.setattr(redis_health, "RETRY_AFTER", 0.05)
    store = make_store("redis")
    store._make_fallback = lambda: DatabaseStore(background=False)
    store.reset()
    yield store
    store.reset()


@needs_redis
def test_a_batch_redis_ran_before_its_reply_was_lost_is_not_counted_again(
    stats_clock, article, site, live_redis_store, monkeypatch, caplog
):
    """Redis ran the script, then the reply timed out (the connection dropped, Redis marked
    down as a real timeout does): the store asks Redis, finds the batch applied, and does not
    count it through the database as well."""
    caplog.set_level(logging.WARNING)
    store = live_redis_store
    real = store.primary.record_many

    def ran_then_reply_lost(hits, excluded=None, batch=None):
        real(hits, excluded, batch)
        error = redis.TimeoutError("Timeout reading from 127.0.0.1:6379")
        store.primary.client.connection_pool.disconnect()
        redis_health.health.failed(error)
        raise error

    monkeypatch.setattr(store.primary, "record_many", ran_then_reply_lost)
    hits = [make_hit(f"g:{n}", article.pk, site_id=site.pk) for n in range(5)]
    day = clock.local_date().isoformat()
    store.record_many(hits, {(site.pk, day, "crawler"): 2}, BatchId.first())
    monkeypatch.undo()
    assert store.diverted == 0
    store.flush()
    assert metric("pageviews") == 5 and metric("visits") == 5 and metric("excluded", key="crawler") == 2
    assert page_counts(article.pk) == (5, 5)
    assert "twice" not in caplog.text


@needs_redis
def test_a_batch_redis_did_not_run_is_fenced_then_counted_through_the_database_once(
    stats_clock, article, site, live_redis_store, monkeypatch
):
    """The write timed out before Redis ran it: the fence tells Redis never to apply it (a copy
    still on its way is refused), and the database counts it, once."""
    store = live_redis_store
    real = store.primary.record_many

    def lost_on_the_way(hits, excluded=None, batch=None):
        raise redis.TimeoutError("Timeout writing to socket")

    monkeypatch.setattr(store.primary, "record_many", lost_on_the_way)
    hits = [make_hit(f"g:{n}", article.pk, site_id=site.pk) for n in range(5)]
    batch = BatchId.first()
    store.record_many(hits, None, batch)
    assert store.diverted == 5
    assert real(hits, None, batch) is False  # the late copy reaches Redis: refused
    store.flush()
    assert metric("pageviews") == 5 and page_counts(article.pk) == (5, 5)
