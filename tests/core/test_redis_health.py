"""The per-process view of Redis (vnportal/core/redis_health.py): fail fast while it is down,
and forget, once it is back, what it could not be told meanwhile."""

import threading
import time

import pytest
import redis

from tests.support.net import free_port
from vnportal.core import pagecache, redis_health, structure


def test_while_down_no_connection_is_tried_until_the_retry_is_due(monkeypatch):
    health = redis_health.Health()
    monkeypatch.setattr(redis_health, "RETRY_AFTER", 0.2)
    health.failed(redis.ConnectionError("refused"))
    assert health.is_down and health.outages == 1
    with pytest.raises(redis.ConnectionError, match="marked down"):
        health.before_connect()
    time.sleep(0.25)
    health.before_connect()  # due: the next connection is really tried
    health.failed(redis.ConnectionError("still refused"))
    assert health.outages == 1 and health.failed_operations == 3


def test_recovery_runs_the_hooks_once_per_outage():
    health = redis_health.Health()
    ran = threading.Event()
    calls = []
    health.on_recovery(lambda: (calls.append(1), ran.set()))
    health.connected()  # never was down: nothing to do
    health.failed(redis.ConnectionError("refused"))
    health.connected()
    assert ran.wait(5) and calls == [1]
    health.connected()
    time.sleep(0.1)
    assert calls == [1] and not health.is_down


def test_after_an_outage_the_page_cache_structure_and_sessions_are_forgotten():
    hooks = redis_health.health._hooks
    assert pagecache.purge_all in hooks and structure.bump_now in hooks
    assert any(getattr(hook, "__name__", "") == "forget_cached_sessions" for hook in hooks)


def test_a_connection_to_a_dead_redis_marks_it_down_and_then_fails_fast(monkeypatch):
    health = redis_health.Health()
    monkeypatch.setattr(redis_health, "health", health)
    client = redis_health.client_from_url(f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(redis.ConnectionError):
        client.get("x")
    assert health.is_down
    started = time.monotonic()
    for _ in range(50):
        with pytest.raises(redis.ConnectionError):
            client.get("x")
    assert time.monotonic() - started < 0.5  # no connection attempt, no timeout per call
