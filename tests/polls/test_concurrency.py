"""Attack tests (issue 5 point 6): parallel votes, each on its own database connection.

Run on SQLite by default and on PostgreSQL when DATABASE_URL names one; the counts
must be exact on both.
"""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections
from django.test import RequestFactory

from vnportal.polls.models import Ballot, BallotChoice
from vnportal.polls.voting import VoteRefused, cast_vote

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 16


def _request(ip, ua, choice, user=None):
    request = RequestFactory().post("/", {"choice": [str(choice)]}, REMOTE_ADDR=ip, HTTP_USER_AGENT=ua)
    request.user = user or AnonymousUser()
    return request


def _run_parallel(poll_id, jobs):
    """Cast every (ip, ua, choice, user) job from THREADS threads at once; return the outcomes."""
    outcomes = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker(part):
        start.wait()
        try:
            for ip, ua, choice, user in part:
                try:
                    cast_vote(_request(ip, ua, choice, user), poll_id)
                    result = "ok"
                except VoteRefused as refusal:
                    result = refusal.code
                except Exception as exc:  # anything else is a bug: record it
                    result = f"error: {exc!r}"
                with lock:
                    outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(jobs[i::THREADS],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_many_parallel_votes_by_one_guest_give_one_ballot(poll, settings):
    settings.POLL_IP_RATE_LIMIT = 0
    choice = poll.choices.first().pk
    outcomes = _run_parallel(poll.pk, [("203.0.113.5", "Same browser", choice, None)] * 64)
    assert outcomes.count("ok") == 1
    assert set(outcomes) == {"ok", "already_voted"}
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_many_parallel_votes_by_one_member_give_one_ballot(poll, member, settings):
    choice = poll.choices.first().pk
    jobs = [(f"198.51.100.{n}", f"Device {n}", choice, member) for n in range(64)]
    outcomes = _run_parallel(poll.pk, jobs)
    assert outcomes.count("ok") == 1 and set(outcomes) == {"ok", "already_voted"}
    assert Ballot.objects.filter(poll=poll, user=member).count() == 1


def test_1000_parallel_distinct_voters_are_counted_exactly(poll, settings):
    settings.POLL_IP_RATE_LIMIT = 0
    choices = [c.pk for c in poll.choices.all()]
    jobs = [(f"10.{n // 256}.{n % 256}.1", "Voter", choices[n % 3], None) for n in range(1000)]
    outcomes = _run_parallel(poll.pk, jobs)
    assert outcomes.count("ok") == 1000, sorted(set(outcomes))
    assert Ballot.objects.filter(poll=poll).count() == 1000
    tally, _other, voters = poll.tally()
    assert voters == 1000
    assert [c.votes for c in tally] == [334, 333, 333]
    assert BallotChoice.objects.filter(ballot__poll=poll).count() == 1000
