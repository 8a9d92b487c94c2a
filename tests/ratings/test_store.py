"""The ratings queue: flushed in batches, never counted twice, and Redis down still counts."""

import json
import logging
import os

import pytest
from django.test import Client

from tests.ratings.support import token_in, totals
from tests.support.net import free_port
from vnportal.core import pagecache, redis_health
from vnportal.ratings import items
from vnportal.ratings import store as store_module
from vnportal.ratings.models import AppliedRatingBatch, RatingState
from vnportal.ratings.rating import COOKIE_NAME
from vnportal.ratings.store import Store, apply_batch, set_store


def event(item, answer, rater, ts, day="2026-11-26"):
    return json.dumps(
        {
            "item": item,
            "answer": answer,
            "reason": "",
            "text": "",
            "rater": rater,
            "visitors": [f"g:{rater}"],
            "day": day,
            "at": "2026-11-26T03:00:00+00:00",
            "ts": ts,
        }
    )


def test_a_batch_applied_twice_counts_once(db):
    batch = [event("p:7", "yes", "a" * 32, 1.0), event("p:7", "no", "b" * 32, 2.0)]
    assert apply_batch("batch-1", batch) == 2
    assert apply_batch("batch-1", batch) == 0  # found again after a crash: refused by its id
    assert totals("p:7") == {"yes": 1, "no": 1}
    assert AppliedRatingBatch.objects.count() == 1


def test_a_replacement_takes_the_old_answer_from_its_own_day(db):
    apply_batch("b1", [event("p:7", "yes", "a" * 32, 1.0, day="2026-11-25")])
    apply_batch("b2", [event("p:7", "no", "a" * 32, 2.0, day="2026-11-26")])
    from vnportal.ratings.models import DailyRatingCount

    rows = {(str(r.day), r.answer): r.count for r in DailyRatingCount.objects.all()}
    assert rows == {("2026-11-25", "yes"): 0, ("2026-11-26", "no"): 1}
    apply_batch("b3", [event("p:7", "no", "a" * 32, 3.0, day="2026-11-27")])  # the same answer again
    assert totals("p:7") == {"yes": 0, "no": 1}


def test_events_of_one_batch_are_replayed_in_time_order(db):
    apply_batch("b1", [event("p:7", "yes", "a" * 32, 5.0), event("p:7", "no", "a" * 32, 1.0)])
    assert totals("p:7") == {"yes": 1, "no": 0}  # the later click wins, whatever the queue order


def test_a_flush_that_fails_is_retried_with_the_same_batch_and_counts_once(store, article, rate, monkeypatch):
    rate(items.sign(f"p:{article.pk}"), "yes")
    original = store_module._write_counts

    def broken(counts):
        raise RuntimeError("database went away")

    monkeypatch.setattr(store_module, "_write_counts", broken)
    with pytest.raises(RuntimeError):
        store.flush()
    assert totals(f"p:{article.pk}") == {"yes": 0, "no": 0} and RatingState.objects.count() == 0
    monkeypatch.setattr(store_module, "_write_counts", original)
    assert store.flush() == 1
    assert store.flush() == 0
    assert totals(f"p:{article.pk}") == {"yes": 1, "no": 0}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_a_redis_batch_found_again_after_a_crash_is_not_counted_twice(store, article, rate):
    rate(items.sign(f"p:{article.pk}"), "yes")
    client, prefix = store.client, store_module._prefix()
    client.rename(prefix + store_module.PENDING, prefix + store_module.BATCH + "crashed")
    payloads = [p.decode() for p in client.lrange(prefix + store_module.BATCH + "crashed", 0, -1)]
    apply_batch("crashed", payloads)  # committed, then the process died before deleting the key
    assert store.flush() == 0
    assert totals(f"p:{article.pk}") == {"yes": 1, "no": 0}
    assert not list(client.scan_iter(match=prefix + "*"))


def test_redis_down_still_takes_and_counts_ratings(db, article, rate, monkeypatch, caplog):
    caplog.set_level(logging.WARNING)
    monkeypatch.setattr(redis_health, "health", redis_health.Health())  # this test's outage only
    dead = Store(redis_url=f"redis://127.0.0.1:{free_port()}/0", background=False)
    set_store(dead)
    items.forget()
    try:
        token = items.sign(f"p:{article.pk}")
        assert rate(token, "yes").status_code == 200
        other_reader = Client()
        assert rate(token, "yes", ip="198.51.100.3", ua="Other browser", using=other_reader).status_code == 200
        assert dead.diverted == 2
        assert dead.flush() == 2  # this process's buffer; the Redis part waits, logged
        assert totals(f"p:{article.pk}") == {"yes": 2, "no": 0}
        assert "Redis cannot take ratings" in caplog.text
    finally:
        set_store(None)


def test_the_cached_page_stays_cached_and_only_the_rating_sets_a_cookie(store, article, client, rate, page_cache):
    first, second = client.get(article.url), client.get(article.url)
    assert first[pagecache.HIT_HEADER] == "MISS" and second[pagecache.HIT_HEADER] == "HIT"
    assert not second.cookies and "Set-Cookie" not in second.headers
    token = token_in(second)
    response = rate(token, "yes")
    assert response.status_code == 200 and COOKIE_NAME in response.cookies
    assert "no-store" in response["Cache-Control"]
    again = client.get(article.url)  # the rater's cookie does not take the reader off the cache
    assert again[pagecache.HIT_HEADER] == "HIT" and token_in(again) == token
    store.flush()
    assert totals(f"p:{article.pk}") == {"yes": 1, "no": 0}


def test_a_rating_request_writes_nothing_to_the_database(store, article, rate, settings):
    """The rating goes to the counter store; the only write allowed is the per-address limit's
    counter (core.ratelimit), and that only when the site has no Redis to count in."""
    token = items.sign(f"p:{article.pk}")
    rate(token, "yes", ip="198.51.100.50")  # the item check is remembered from here on
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert rate(token, "no", ip="198.51.100.51", ua="Another").status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    if settings.REDIS_URL:
        assert writes == []
    else:
        assert writes and all('"core_ratecounter"' in sql for sql in writes), writes


def test_a_rating_older_than_the_current_one_changes_nothing(db):
    """Two gunicorn workers' buffers: the second answer's batch may be flushed before the first's."""
    later = json.loads(event("p:7", "no", "a" * 32, 2.0))
    later["at"] = "2026-11-26T03:00:05+00:00"
    apply_batch("worker-b", [json.dumps(later)])
    apply_batch("worker-a", [event("p:7", "yes", "a" * 32, 1.0)])  # at 03:00:00, flushed late
    assert totals("p:7") == {"yes": 0, "no": 1}
    assert RatingState.objects.get().answer == "no"
