"""Rate-limit counters shared by every server, in the database while Redis is down (core/limits.py)."""

import threading

import pytest
from django.db import connection

from vnportal.core import limits
from vnportal.core.models import RateCount


class Down:
    is_down = True


def test_the_database_counts_while_redis_is_down(db, monkeypatch):
    monkeypatch.setattr(limits, "health", Down())
    assert [limits.count("polls:ip:abc", 600) for _ in range(3)] == [1, 2, 3]
    assert limits.count("polls:ip:other", 600) == 1
    assert RateCount.objects.get(key="polls:ip:abc").count == 3


def test_an_old_window_is_forgotten_when_a_new_one_begins(db, monkeypatch):
    monkeypatch.setattr(limits, "health", Down())
    RateCount.objects.create(key="polls:ip:abc", window_start=0, count=99)
    assert limits.count("polls:ip:abc", 600) == 1
    assert not RateCount.objects.filter(window_start=0).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_are_exact(monkeypatch):
    monkeypatch.setattr(limits, "health", Down())
    seen, errors = [], []

    def hit():
        try:
            for _ in range(5):
                seen.append(limits.count("polls:ip:busy", 600))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(seen)[-1] == 20 and RateCount.objects.get(key="polls:ip:busy").count == 20


def test_with_redis_up_the_cache_counts(db):
    assert [limits.count("polls:ip:cache", 600) for _ in range(2)] == [1, 2]
    assert not RateCount.objects.exists()
