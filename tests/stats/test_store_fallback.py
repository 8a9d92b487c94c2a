"""Redis unreachable: the counter store counts through the database (stores/fallback.py).

Runs everywhere: the Redis store is pointed at a port nothing listens on (a Redis that is down),
never at the shared one."""

import logging

import pytest

from tests.support.net import free_port
from tests.support.stats import metric, page_counts
from vnportal.core import redis_health
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
