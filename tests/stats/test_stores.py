"""What only one store can show: several processes with buffers, and crash-safe batches."""

import os

import pytest

from tests.support.stats import metric, page_counts
from vnportal.stats import capture, clock, conf
from vnportal.stats.stores import set_store
from vnportal.stats.stores.base import BatchId, Hit
from vnportal.stats.stores.database import DatabaseStore

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")


def make_hit(visitor_id, page_id=0, kind="g", site_id=1):
    moment = clock.now()
    day = clock.local_date(moment)
    params = conf.site_params(site_id)
    return Hit(
        site_id=site_id,
        visitor=visitor_id,
        kind=kind,
        ts=moment.timestamp(),
        day=day.isoformat(),
        day_start=clock.day_start(day).timestamp(),
        timeout=params.visit_timeout,
        keep=params.keep_seconds,
        page_id=page_id,
    )


def test_several_processes_with_their_own_buffers_agree(db, stats_clock, article, site):
    """Two workers (two buffers) see the same reader: one visit, one article view, one online."""
    worker_a, worker_b = DatabaseStore(background=False), DatabaseStore(background=False)
    worker_a.record(make_hit("g:reader", article.pk, site_id=site.pk))
    stats_clock.advance(seconds=2)
    worker_b.record(make_hit("g:reader", article.pk, site_id=site.pk))
    stats_clock.advance(seconds=2)
    worker_a.record(make_hit("g:reader", article.pk, site_id=site.pk))
    worker_b.flush()  # b flushes first, though a saw the reader first
    worker_a.flush()
    assert metric("visits") == 1 and metric("pageviews") == 3
    assert page_counts(article.pk) == (1, 3)
    online = worker_a.online(site.pk, clock.now().timestamp(), 300)
    assert online == worker_b.online(site.pk, clock.now().timestamp(), 300) == {"guests": 1, "members": 0, "bots": 0}


def test_a_database_batch_applied_twice_counts_once(db, stats_clock, article, site):
    store = DatabaseStore(background=False)
    hits = [make_hit("g:one", article.pk, site_id=site.pk), make_hit("g:two", article.pk, site_id=site.pk)]
    store._apply("batch-1", hits, {})
    store._apply("batch-1", hits, {})  # e.g. a retry after a commit we could not confirm
    assert metric("visits") == 2 and page_counts(article.pk) == (2, 2)


def test_the_database_buffer_costs_no_query_per_hit(db, stats_clock, article, site, django_assert_num_queries):
    store = DatabaseStore(background=False)
    conf.site_params(site.pk)  # settings are read once per process (then every 30 s)
    with django_assert_num_queries(0):
        for n in range(100):
            store.record(make_hit(f"g:{n}", article.pk, site_id=site.pk))


def test_a_hit_costs_no_database_query_in_the_request(store, article, get, django_assert_max_num_queries):
    """The statistics add no query to a page view once settings and salt are known."""
    get(article.url)  # warms the page's own caches, the salt and the settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as with_stats:
        get(article.url, ip="203.0.113.77")
    writes = [
        q["sql"]
        for q in with_stats.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) and "stats_" in q["sql"]
    ]
    reads = [q["sql"] for q in with_stats.captured_queries if "stats_" in q["sql"]]
    assert writes == [] and reads == []


@needs_redis
def test_a_redis_batch_given_again_is_applied_once(db, stats_clock, article, site):
    """The script's guard: a batch number at or below the writer's last is not applied (a
    retry after a lost reply, or a late copy of a batch fenced meanwhile); the guard is one
    key per writer, with an expiry, whatever the number of batches."""
    from vnportal.stats.stores.redis import RedisStore

    store = RedisStore()
    store.reset()
    try:
        first = BatchId.first()
        day = clock.local_date().isoformat()
        hits = [make_hit(f"g:{n}", article.pk, site_id=site.pk) for n in range(3)]
        assert store.record_many(hits, {(site.pk, day, "crawler"): 2}, first) is True
        assert store.record_many(hits, {(site.pk, day, "crawler"): 2}, first) is False
        second = first.next()
        assert store.fence(second) is False  # not applied: fenced, so never applied later
        assert store.record_many([make_hit("g:late", article.pk, site_id=site.pk)], None, second) is False
        third = second.next()
        assert store.record_many([make_hit("g:3", article.pk, site_id=site.pk)], None, third) is True
        assert store.fence(third) is True
        assert store.record_many([make_hit("g:0", article.pk, site_id=site.pk)], None, BatchId("other", 1)) is True
        guards = [key for key in store.keys() if ":batches:" in key]
        assert len(guards) == 2
        assert 0 < store.client.ttl(f"{store.prefix}batches:{first.writer}") <= 86_400
        store.flush()
        assert metric("pageviews") == 5 and metric("excluded", key="crawler") == 2
        assert page_counts(article.pk) == (4, 5)
    finally:
        store.reset()


def test_a_database_store_batch_given_again_is_taken_once(db, stats_clock, article, site):
    store = DatabaseStore(background=False)
    batch = BatchId.first()
    hits = [make_hit("g:one", article.pk, site_id=site.pk), make_hit("g:two", article.pk, site_id=site.pk)]
    store.record_many(hits, None, batch)
    store.record_many(hits, None, batch)
    store.record_many(hits[:1], None, batch.next())
    store.flush()
    assert metric("pageviews") == 3 and page_counts(article.pk) == (2, 3)


@needs_redis
def test_a_redis_batch_left_after_a_crash_is_not_counted_again(db, stats_clock, article, site, settings):
    from vnportal.stats.stores.redis import RedisStore

    store = RedisStore()
    store.reset()
    set_store(store)
    try:
        store.record(make_hit("g:one", article.pk, site_id=site.pk))
        store.record(make_hit("g:two", article.pk, site_id=site.pk))
        # Take the batch aside and apply it, then "crash" before deleting it from Redis.
        key = f"{store.prefix}inflight:crashbatch"
        store.client.rename(store.prefix + "pending", key)
        store.client.sadd(store.prefix + "inflight", key)
        RedisStore._apply("crashbatch", store.client.hgetall(key))
        store.flush()  # finds the batch, sees it applied, deletes it
        store.flush()
        assert metric("visits") == 2 and page_counts(article.pk) == (2, 2)
        assert not store.client.exists(key)
    finally:
        store.reset()
        set_store(None)


@needs_redis
def test_several_app_servers_share_redis(db, stats_clock, article, site):
    from vnportal.stats.stores.redis import RedisStore

    server_a, server_b = RedisStore(), RedisStore()
    server_a.reset()
    try:
        server_a.record(make_hit("g:reader", article.pk, site_id=site.pk))
        server_b.record(make_hit("g:reader", article.pk, site_id=site.pk))
        assert server_b.online(site.pk, clock.now().timestamp(), 300)["guests"] == 1
        server_b.flush()
        server_a.flush()
        assert metric("visits") == 1 and page_counts(article.pk) == (1, 2)
    finally:
        server_a.reset()


def test_capture_builds_no_raw_data_into_the_hit(store, article, rf, site):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get(article.url, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0 Firefox/128.0")
    request.user = AnonymousUser()
    hit = capture.record(request, site.pk, article.pk, "")
    assert "203.0.113.7" not in repr(hit) and "Firefox" not in repr(hit)
