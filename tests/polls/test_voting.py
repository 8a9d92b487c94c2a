"""Voting rules (DESIGN.md, issue 5 point 3) and the attacks of point 6, through the real endpoint."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.support.polls import ids, vote
from vnportal.polls.models import Ballot, BallotChoice, Poll

pytestmark = pytest.mark.django_db


def guest(ip="203.0.113.5", ua="Mozilla/5.0 test"):
    return Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=ua)


def test_guest_vote_is_recorded_and_answers_json(poll):
    response = vote(guest(), poll, ids(poll)[:1])
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True and data["message"] == "Cảm ơn bạn đã bình chọn."
    assert data["poll"]["voters"] == 1
    assert [c["votes"] for c in data["poll"]["choices"]] == [1, 0, 0]
    ballot = Ballot.objects.get()
    assert ballot.voter.startswith("g:") and "203.0.113.5" not in ballot.voter
    assert "vnportal_polls" in response.cookies


def test_form_post_without_js_redirects_with_message(poll):
    client = guest()
    response = vote(client, poll, ids(poll)[1:2], json=False)
    assert response.status_code == 302 and response["Location"] == f"/binh-chon/{poll.pk}/"
    page = client.get(response["Location"])
    assert "Cảm ơn bạn đã bình chọn." in page.content.decode()
    assert Ballot.objects.count() == 1


def test_csrf_is_enforced(poll):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.9")
    assert vote(client, poll, ids(poll)[:1]).status_code == 403
    assert not Ballot.objects.exists()


def test_same_guest_cannot_vote_twice_even_with_cookie_cleared(poll):
    client = guest()
    assert vote(client, poll, ids(poll)[:1]).status_code == 200
    again = vote(client, poll, ids(poll)[1:2])
    assert again.status_code == 409 and again.json()["error"] == "already_voted"
    assert again.json()["message"] == "Bạn đã bình chọn trong cuộc bình chọn này rồi."
    client.cookies.clear()  # same browser, cookie cleared: the visitor id still knows it
    assert vote(client, poll, ids(poll)[1:2]).status_code == 409
    assert Ballot.objects.count() == 1


def test_cookie_alone_blocks_a_new_address(poll):
    client = guest(ip="203.0.113.5")
    assert vote(client, poll, ids(poll)[:1]).status_code == 200
    moved = guest(ip="198.51.100.7")  # the phone reconnected with a new address…
    moved.cookies = client.cookies  # …but keeps its cookie
    assert vote(moved, poll, ids(poll)[:1]).status_code == 409


def test_forged_cookie_does_not_help_or_hurt(poll):
    client = guest()
    client.cookies["vnportal_polls"] = "not-a-signature"
    assert vote(client, poll, ids(poll)[:1]).status_code == 200


def test_one_nat_address_is_not_one_vote(poll):
    """NukeViet's flaw: different browsers behind one address are different voters."""
    for n in range(3):
        assert vote(guest(ip="203.0.113.5", ua=f"Browser {n}"), poll, ids(poll)[:1]).status_code == 200
    assert Ballot.objects.count() == 3


def test_spoofed_x_forwarded_for_is_ignored(poll):
    client = guest(ip="203.0.113.5")
    assert vote(client, poll, ids(poll)[:1]).status_code == 200
    client.cookies.clear()
    response = vote(client, poll, ids(poll)[:1], HTTP_X_FORWARDED_FOR="10.9.8.7", HTTP_X_REAL_IP="10.9.8.7")
    assert response.status_code == 409
    assert Ballot.objects.count() == 1


def test_member_one_ballot_by_user_row(poll, member):
    client = Client(REMOTE_ADDR="203.0.113.5")
    client.force_login(member)
    assert vote(client, poll, ids(poll)[:1]).status_code == 200
    other_device = Client(REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT="Phone")
    other_device.force_login(member)
    assert vote(other_device, poll, ids(poll)[:1]).status_code == 409
    ballot = Ballot.objects.get()
    assert ballot.user == member and ballot.voter == f"u:{member.pk}"


def test_members_only_audience(make_poll, member):
    poll = make_poll(audience=Poll.Audience.MEMBERS)
    refused = vote(guest(), poll, ids(poll)[:1])
    assert refused.status_code == 403 and refused.json()["error"] == "members_only"
    assert "thành viên" in refused.json()["message"]
    client = Client()
    client.force_login(member)
    assert vote(client, poll, ids(poll)[:1]).status_code == 200


@pytest.mark.parametrize("opens_in,closes_in,code", [(1, 2, "not_open"), (-2, -1, "closed")])
def test_votes_outside_the_window_are_refused(make_poll, opens_in, closes_in, code):
    poll = make_poll(opens_in=opens_in, closes_in=closes_in)
    response = vote(guest(), poll, ids(poll)[:1])
    assert response.status_code == 403 and response.json()["error"] == code
    assert not Ballot.objects.exists()


def test_window_is_checked_at_vote_time_without_cron(poll):
    poll.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    Poll.objects.filter(pk=poll.pk).update(closes_at=poll.closes_at)  # no job ran in between
    assert vote(guest(), poll, ids(poll)[:1]).json()["error"] == "closed"


def test_boundaries_open_at_opens_at_and_closed_at_closes_at(poll):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from vnportal.polls.voting import VoteRefused, cast_vote

    def attempt(now, ip):
        request = RequestFactory().post("/", {"choice": [ids(poll)[0]]}, REMOTE_ADDR=ip)
        request.user = AnonymousUser()
        return cast_vote(request, poll.pk, now=now)

    with pytest.raises(VoteRefused):
        attempt(poll.opens_at - datetime.timedelta(microseconds=1), "192.0.2.1")
    attempt(poll.opens_at, "192.0.2.2")
    with pytest.raises(VoteRefused) as refused:
        attempt(poll.closes_at, "192.0.2.3")
    assert refused.value.code == "closed"
    assert Ballot.objects.count() == 1


def test_unpublished_poll_takes_no_votes(make_poll):
    poll = make_poll(published=False)
    assert vote(guest(), poll, ids(poll)[:1]).status_code == 404


def test_choice_from_another_poll_is_refused(poll, make_poll):
    other = make_poll(question="Câu hỏi khác")
    response = vote(guest(), poll, [ids(other)[0]])
    assert response.status_code == 400 and response.json()["error"] == "invalid_choice"
    mixed = vote(guest(), poll, [ids(poll)[0], ids(other)[0]])
    assert mixed.json()["error"] in {"invalid_choice", "too_many"}
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    "choices,code",
    [
        ([], "empty"),
        (["abc"], "invalid_choice"),
        (["1e3"], "invalid_choice"),
        (["-1"], "invalid_choice"),
        ([str(10**30)], "invalid_choice"),
        (["0"], "invalid_choice"),
    ],
)
def test_empty_or_garbage_selection_is_refused(poll, choices, code):
    response = vote(guest(), poll, choices)
    assert response.status_code == 400 and response.json()["error"] == code
    assert response.json()["message"]


def test_single_choice_poll_takes_one_choice(poll):
    response = vote(guest(), poll, ids(poll)[:2])
    assert response.json()["error"] == "too_many"
    assert response.json()["message"] == "Bạn chỉ được chọn tối đa 1 phương án."


def test_multiple_choice_maximum_enforced_on_server(make_poll):
    poll = make_poll(multiple=True, max_choices=2, choices=("A", "B", "C", "D"))
    assert vote(guest(ip="192.0.2.1"), poll, ids(poll)[:3]).json()["error"] == "too_many"
    assert vote(guest(ip="192.0.2.2"), poll, ids(poll)[:2]).status_code == 200
    assert BallotChoice.objects.count() == 2


def test_duplicate_selection_is_refused(make_poll):
    poll = make_poll(multiple=True, max_choices=3)
    first = ids(poll)[0]
    response = vote(guest(), poll, [first, first])
    assert response.json()["error"] == "duplicate"
    assert not Ballot.objects.exists()


def test_other_write_in_counts_toward_the_maximum(make_poll):
    poll = make_poll(allow_other=True, results_visibility=Poll.Visibility.ALWAYS)
    client = guest()
    response = client.post(
        f"/binh-chon/{poll.pk}/vote/",
        {"choice": [ids(poll)[0]], "other": "Ý kiến riêng"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["error"] == "too_many"
    response = client.post(
        f"/binh-chon/{poll.pk}/vote/", {"other": "  Ý kiến   riêng "}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert Ballot.objects.get().other_text == "Ý kiến riêng"
    assert response.json()["poll"]["other_votes"] == 1


def test_other_text_ignored_when_not_allowed(poll):
    response = guest().post(f"/binh-chon/{poll.pk}/vote/", {"other": "x"}, HTTP_ACCEPT="application/json")
    assert response.json()["error"] == "empty"


def test_per_ip_rate_limit(poll, settings):
    settings.POLL_IP_RATE_LIMIT = 2
    from django.core.cache import cache

    cache.clear()
    codes = [vote(guest(ua=f"UA {n}"), poll, ids(poll)[:1]).status_code for n in range(4)]
    assert codes == [200, 200, 429, 429]
    assert Ballot.objects.count() == 2
    assert vote(guest(ip="198.51.100.20"), poll, ids(poll)[:1]).status_code == 200
    cache.clear()


def test_get_is_not_allowed_on_vote(poll):
    assert guest().get(f"/binh-chon/{poll.pk}/vote/").status_code == 405


def test_refusal_without_js_redirects_with_vietnamese_message(poll):
    client = guest()
    response = client.post(f"/binh-chon/{poll.pk}/vote/", {})
    assert response.status_code == 302
    assert "Vui lòng chọn ít nhất một phương án." in client.get(response["Location"]).content.decode()


def test_json_answer_renders_the_widget_for_where_it_was_posted_from(poll):
    url = f"/binh-chon/{poll.pk}/vote/"
    page = guest(ip="192.0.2.40").post(
        url, {"choice": ids(poll)[:1], "standalone": "1"}, HTTP_ACCEPT="application/json"
    )
    assert 'class="poll-question"' not in page.json()["html"]
    block = guest(ip="192.0.2.41").post(url, {"choice": ids(poll)[:1]}, HTTP_ACCEPT="application/json")
    assert 'class="poll-question"' in block.json()["html"]
