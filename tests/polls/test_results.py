"""Results: exact counts, percentages that add up to 100, and one visibility rule for HTML, JSON and CSV."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.support.polls import ids, vote
from vnportal.polls.models import Poll
from vnportal.polls.results import percentages

pytestmark = pytest.mark.django_db


def close_now(poll):
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    poll.refresh_from_db()


@pytest.mark.parametrize(
    "counts,expected",
    [
        ([1, 1, 1], ["33.4", "33.3", "33.3"]),
        ([2, 1], ["66.7", "33.3"]),
        ([0, 0], ["0.0", "0.0"]),
        ([5, 0, 0], ["100.0", "0.0", "0.0"]),
    ],
)
def test_percentages_examples(counts, expected):
    assert [str(p) for p in percentages(counts)] == expected


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12))
def test_percentages_always_add_up_to_100(counts):
    shares = percentages(counts)
    assert len(shares) == len(counts)
    if sum(counts):
        assert sum(shares) == Decimal("100.0")
        # never more than one unit away from the exact share
        for share, count in zip(shares, counts, strict=True):
            assert abs(share - Decimal(count) * 100 / sum(counts)) < Decimal("0.1")
    else:
        assert sum(shares) == 0


def test_api_shape_with_results(poll):
    for n in range(3):
        vote(Client(REMOTE_ADDR=f"192.0.2.{n + 1}"), poll, ids(poll)[n % 2 : n % 2 + 1])
    data = Client().get(f"/api/polls/{poll.pk}/").json()
    assert set(data) == {"id", "question", "open", "multiple", "max_choices", "choices", "voters"}
    assert data["open"] is True and data["multiple"] is False and data["max_choices"] == 1
    assert data["voters"] == 3
    assert [(c["text"], c["votes"]) for c in data["choices"]] == [("Tốt", 2), ("Bình thường", 1), ("Chưa tốt", 0)]
    assert all(set(c) == {"id", "text", "votes"} for c in data["choices"])


def test_api_current_and_404_when_none(make_poll):
    client = Client()
    assert client.get("/api/polls/current/").status_code == 404
    poll = make_poll(is_current=True)
    data = client.get("/api/polls/current/").json()
    assert data["id"] == poll.pk
    close_now(poll)  # closed now: nothing current
    assert client.get("/api/polls/current/").status_code == 404


def test_marking_a_poll_current_unmarks_the_others(make_poll):
    first = make_poll(is_current=True)
    second = make_poll(question="Thứ hai", is_current=True)
    first.refresh_from_db()
    assert not first.is_current and second.is_current


def test_unpublished_poll_is_404_in_api_and_html(make_poll):
    poll = make_poll(published=False)
    assert Client().get(f"/api/polls/{poll.pk}/").status_code == 404
    assert Client().get(f"/binh-chon/{poll.pk}/").status_code == 404


def _views(client, poll):
    api = client.get(f"/api/polls/{poll.pk}/").json()
    html = client.get(f"/binh-chon/{poll.pk}/").content.decode()
    csv_status = client.get(f"/binh-chon/{poll.pk}/ket-qua.csv").status_code
    return "voters" in api, "poll-results" in html, csv_status == 200


@pytest.mark.parametrize(
    "visibility,before,after_vote,after_close",
    [
        (Poll.Visibility.ALWAYS, True, True, True),
        (Poll.Visibility.AFTER_VOTE, False, True, True),
        (Poll.Visibility.AFTER_CLOSE, False, False, True),
        (Poll.Visibility.HIDDEN, False, False, False),
    ],
)
def test_visibility_is_the_same_for_html_json_and_csv(make_poll, visibility, before, after_vote, after_close):
    poll = make_poll(results_visibility=visibility)
    voter = Client(REMOTE_ADDR="192.0.2.10")
    assert _views(voter, poll) == (before,) * 3
    assert vote(voter, poll, ids(poll)[:1]).status_code == 200
    assert _views(voter, poll) == (after_vote,) * 3
    # someone who did not vote sees what "before" allows until the poll closes
    assert _views(Client(REMOTE_ADDR="192.0.2.11"), poll) == (before,) * 3
    close_now(poll)
    assert _views(Client(REMOTE_ADDR="192.0.2.12"), poll) == (after_close,) * 3


def test_hidden_results_never_leak_through_the_vote_answer(make_poll):
    poll = make_poll(results_visibility=Poll.Visibility.HIDDEN)
    data = vote(Client(REMOTE_ADDR="192.0.2.10"), poll, ids(poll)[:1]).json()
    assert "voters" not in data["poll"] and all("votes" not in c for c in data["poll"]["choices"])
    assert "poll-results" not in data["html"]


def test_csv_export_is_exact_and_spreadsheet_safe(make_poll):
    poll = make_poll(choices=('=HYPERLINK("http://x")', "Bình thường"), results_visibility=Poll.Visibility.ALWAYS)
    vote(Client(REMOTE_ADDR="192.0.2.1"), poll, ids(poll)[:1])
    body = Client().get(f"/binh-chon/{poll.pk}/ket-qua.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "\n=HYPERLINK" not in body
    assert "Số người bình chọn,1" in body


def test_html_shows_voters_percentages_and_bars(poll):
    vote(Client(REMOTE_ADDR="192.0.2.1"), poll, ids(poll)[:1])
    vote(Client(REMOTE_ADDR="192.0.2.2"), poll, ids(poll)[1:2])
    vote(Client(REMOTE_ADDR="192.0.2.3"), poll, ids(poll)[1:2])
    html = Client().get(f"/binh-chon/{poll.pk}/").content.decode()
    assert "3 người đã bình chọn" in html
    assert "(33,3%)" in html and "(66,7%)" in html and "(0,0%)" in html
    assert 'style="width: 66.7%"' in html
