"""The per-address vote limit: keyed on the client IP (not the visitor id) and shared by every worker."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.support.polls import ids, vote
from vnportal.core import ratelimit
from vnportal.core.models import RateCounter
from vnportal.polls.models import Ballot

ROOT = Path(__file__).resolve().parents[2]


def test_one_address_rotating_100_user_agents_stops_at_the_limit(poll, settings):
    limit = settings.POLL_IP_RATE_LIMIT  # the shipped default
    assert 0 < limit < 100
    codes = [
        vote(
            Client(REMOTE_ADDR="203.0.113.50", HTTP_USER_AGENT=f"Mozilla/5.0 bot-{n}"), poll, ids(poll)[:1]
        ).status_code
        for n in range(100)
    ]
    assert codes.count(200) == limit and codes[limit:] == [429] * (100 - limit)
    assert Ballot.objects.filter(poll=poll).count() == limit
    # a fake X-Forwarded-For is not a new address (no trusted proxy is configured) …
    spoofed = vote(Client(REMOTE_ADDR="203.0.113.50", HTTP_USER_AGENT="new", HTTP_X_FORWARDED_FOR="10.9.9.9"), poll, [])
    assert spoofed.status_code in (400, 429)
    faked = vote(
        Client(REMOTE_ADDR="203.0.113.50", HTTP_USER_AGENT="newer", HTTP_X_FORWARDED_FOR="10.9.9.9"),
        poll,
        ids(poll)[:1],
    )
    assert faked.status_code == 429 and faked.json()["error"] == "rate_limited"
    # … while another address still votes
    assert vote(Client(REMOTE_ADDR="198.51.100.60"), poll, ids(poll)[:1]).status_code == 200


def test_the_count_is_not_kept_in_process_memory(db, settings):
    settings.POLL_IP_RATE_LIMIT = 3
    for _ in range(3):
        assert ratelimit.hit("some-address", 3, 600)
    assert not ratelimit.hit("some-address", 3, 600)
    if not ratelimit.uses_redis():
        # the embedded profile counts in the database, which every gunicorn worker shares
        assert RateCounter.objects.get().count == 4


def test_cleanup_deletes_ended_windows(db):
    if ratelimit.uses_redis():
        pytest.skip("Redis expires its keys itself")
    ratelimit.hit("address", 5, 60)
    ratelimit.cleanup()
    assert RateCounter.objects.count() == 1  # its window has not ended
    ratelimit.cleanup(now=timezone.now() + timedelta(seconds=66))
    assert RateCounter.objects.count() == 0


VOTER = """
import collections, json, os, sys
import django
django.setup()
from django.test import Client
from django.utils import timezone
poll, choice, tag, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
codes = collections.Counter()
for n in range(count):
    client = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT=f"{tag} {n}")
    codes[client.post(f"/binh-chon/{poll}/vote/", {"choice": choice}, HTTP_ACCEPT="application/json").status_code] += 1
print(json.dumps(codes))
"""


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_one_limit(poll):
    """Two separate interpreters (as two gunicorn workers are) voting from one address at once."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vnportal.settings.base",
        "DATABASE_URL": _database_url(),
        "SECRET_KEY": settings.SECRET_KEY,  # the hashed address must be the same in both
        "VNPORTAL_DATA_DIR": str(settings.DATA_DIR),
        "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        "ALLOWED_HOSTS": "testserver",
        "POLL_IP_RATE_LIMIT": "40",
        "PAGE_CACHE_SECONDS": "0",
        "STATS_ENABLED": "0",
    }
    choice = str(ids(poll)[0])
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", VOTER, str(poll.pk), choice, tag, "30"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("worker-a", "worker-b")
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=150)
        assert worker.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    accepted = sum(r.get("200", 0) for r in results)
    refused = sum(r.get("429", 0) for r in results)
    # counted per process each would have accepted all 30 (60 in all)
    assert (accepted, refused) == (40, 20), results
    assert Ballot.objects.filter(poll=poll).count() == 40


def test_a_redis_failure_counts_in_the_database_instead(db, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # as in production …

    def down(key, window):
        raise ConnectionError("Redis is down")  # … with Redis gone

    monkeypatch.setattr(ratelimit, "_hit_redis", down)
    assert [ratelimit.hit("address", 2, 600) for _ in range(3)] == [True, True, False]
    assert RateCounter.objects.get().count == 3
