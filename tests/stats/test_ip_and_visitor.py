"""Client address with TRUSTED_PROXIES, and daily-salted visitor ids."""

import datetime

import pytest
from django.test import RequestFactory

from tests.support.stats import BROWSER_UA, metric
from vnportal.core.models import VisitorSalt
from vnportal.core.visitors import client_ip
from vnportal.stats import clock, visitor


def _request(remote, forwarded=None, **extra):
    meta = {"REMOTE_ADDR": remote, **extra}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    "remote, forwarded, proxies, expected",
    [
        ("203.0.113.7", None, [], "203.0.113.7"),
        # Not from a trusted proxy: X-Forwarded-For is the client's own claim, ignored.
        ("203.0.113.7", "1.2.3.4", [], "203.0.113.7"),
        ("203.0.113.7", "1.2.3.4", ["10.0.0.0/8"], "203.0.113.7"),
        # From our proxy: the right-most address that is not one of our proxies.
        ("10.0.0.2", "198.51.100.20", ["10.0.0.0/8"], "198.51.100.20"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.20", ["10.0.0.0/8"], "198.51.100.20"),  # spoofed left part
        ("10.0.0.2", "6.6.6.6, 198.51.100.20, 10.0.0.9", ["10.0.0.0/8"], "198.51.100.20"),  # two proxies
        ("10.0.0.2", "", ["10.0.0.0/8"], "10.0.0.2"),
        ("10.0.0.2", "not-an-address", ["10.0.0.0/8"], "10.0.0.2"),
        ("::1", "2001:db8::5", ["::1/128"], "2001:db8::5"),
        ("127.0.0.1", "[2001:db8::6]:4711", ["127.0.0.1/32"], "2001:db8::6"),
    ],
)
def test_client_ip(remote, forwarded, proxies, expected):
    assert client_ip(_request(remote, forwarded), proxies) == expected


def test_other_headers_are_never_trusted():
    request = _request(
        "10.0.0.2",
        "198.51.100.20",
        HTTP_X_REAL_IP="6.6.6.6",
        HTTP_CLIENT_IP="6.6.6.7",
        HTTP_FORWARDED="for=6.6.6.8",
        HTTP_CF_CONNECTING_IP="6.6.6.9",
    )
    assert client_ip(request, ["10.0.0.0/8"]) == "198.51.100.20"
    assert client_ip(_request("203.0.113.1", HTTP_X_REAL_IP="6.6.6.6"), []) == "203.0.113.1"


def test_spoofed_forwarded_for_does_not_make_new_visitors(store, article, get, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for n in range(5):  # a client sending its own X-Forwarded-For straight to us
        get(article.url, ip="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    for n in range(3):  # behind our proxy, the proxy appends the real address
        get(article.url, ip="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 198.51.100.200")
    store.flush()
    assert metric("visits") == 2


def test_guest_id_is_keyed_hashed_and_daily(db, stats_clock):
    today = clock.local_date()
    first = visitor.guest_id(1, "203.0.113.7", "UA", today)
    assert first == visitor.guest_id(1, "203.0.113.7", "UA", today)
    assert first.startswith("g:") and len(first) == 2 + visitor.ID_HEX_CHARS
    others = {
        visitor.guest_id(1, "203.0.113.8", "UA", today),
        visitor.guest_id(1, "203.0.113.7", "UA2", today),
        visitor.guest_id(2, "203.0.113.7", "UA", today),
        visitor.guest_id(1, "203.0.113.7", "UA", today + datetime.timedelta(days=1)),
    }
    assert first not in others and len(others) == 4
    assert visitor.member_id(42) == "u:42"


def test_the_ingesters_day_hasher_gives_the_same_ids(db, stats_clock):
    """guest_hasher (the beacon ingester's, keyed once a day) and guest_hash agree on every
    input, including a User-Agent that is not valid UTF-8 text (nginx passes bytes through)."""
    from vnportal.core import visitors

    today = clock.local_date()
    yesterday = today - datetime.timedelta(days=1)
    hash_today, hash_yesterday = visitors.guest_hasher(today), visitors.guest_hasher(yesterday)
    inputs = [
        ("testserver", "203.0.113.7", BROWSER_UA),
        ("testserver", "203.0.113.8", BROWSER_UA),
        ("xa-an-binh.example", "2001:db8::6", "Mozilla/5.0 \udcff\u00e9"),
        ("", "", ""),
    ]
    for site, ip, agent in inputs:
        assert hash_today(site, ip, agent) == visitors.guest_hash(site, ip, agent, today)
        assert hash_yesterday(site, ip, agent) == visitors.guest_hash(site, ip, agent, yesterday)
        assert hash_today(site, ip, agent) != hash_yesterday(site, ip, agent)
    assert len({hash_today(*values) for values in inputs}) == len(inputs)


def test_salts_are_per_day_and_deleted_after_48_hours(db, stats_clock):
    visitor.forget_salts()
    stats_clock.set(2026, 11, 24, 12, 0)
    visitor.salt_for(clock.local_date())
    stats_clock.set(2026, 11, 25, 12, 0)
    visitor.salt_for(clock.local_date())
    stats_clock.set(2026, 11, 26, 0, 30)  # 48 h 30 min after the 24th began; 24 h 30 min after the 25th
    today_salt = visitor.salt_for(clock.local_date())
    # The 24th's salt went when the 26th's was made: the 25th's stays for visits across midnight.
    assert sorted(d.day for d in VisitorSalt.objects.all()) == [
        datetime.date(2026, 11, 25),
        datetime.date(2026, 11, 26),
    ]
    assert len(set(VisitorSalt.objects.values_list("salt", flat=True))) == 2
    visitor.delete_old_salts()
    assert sorted(d.day for d in VisitorSalt.objects.all()) == [
        datetime.date(2026, 11, 25),
        datetime.date(2026, 11, 26),
    ]
    assert visitor.salt_for(clock.local_date()) == today_salt
    stats_clock.set(2026, 11, 27, 0, 0, 1)
    visitor.delete_old_salts()
    assert sorted(d.day for d in VisitorSalt.objects.all()) == [datetime.date(2026, 11, 26)]
    visitor.forget_salts()


def test_polls_and_statistics_give_one_guest_one_id(store, article, get, client, stats_clock, settings, monkeypatch):
    """DESIGN.md: one visitor id. The same guest (address, browser, site) votes in a poll and
    reads an article: the ballot's voter and the visitor the statistics counted are one id."""
    from django.utils import timezone

    from vnportal.core import visitors
    from vnportal.polls.models import Ballot, Choice, Poll

    settings.STATS_BEACON_ALWAYS = False
    stats_clock.moment = timezone.now()  # polls read Django's clock: the same day on both paths
    counted = []
    record = store.record
    monkeypatch.setattr(store, "record", lambda hit: (counted.append(hit.visitor), record(hit)))
    now = timezone.now()
    poll = Poll.objects.create(
        question="Bạn thấy cổng thông tin thế nào?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        published=True,
    )
    choice = Choice.objects.create(poll=poll, text="Tốt", sort_order=0)
    meta = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": BROWSER_UA}
    assert client.post(f"/binh-chon/{poll.pk}/vote/", {"choice": [str(choice.pk)]}, **meta).status_code == 302
    client.cookies.clear()  # the vote set a cookie; the reader is still the same guest
    assert get(article.url, ip="203.0.113.7", ua=BROWSER_UA).status_code == 200
    store.flush()

    ballot_voter = Ballot.objects.get(poll=poll).voter
    assert ballot_voter.startswith("g:") and len(ballot_voter) == 2 + visitors.GUEST_ID_LENGTH
    assert counted == [ballot_voter]
    assert metric("visits") == 1
    # Another address is another guest on both paths.
    get(article.url, ip="203.0.113.8", ua=BROWSER_UA)
    assert len(counted) == 2 and counted[1] != ballot_voter


def test_the_stats_and_polls_paths_hash_a_request_alike(db, site, stats_clock):
    """The functions themselves: capture's hit and the ballot's voter for one request."""
    from django.contrib.auth.models import AnonymousUser

    from vnportal.core import visitors
    from vnportal.stats import capture

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=BROWSER_UA)
    request.user = AnonymousUser()
    hit, reason = capture.build_hit(request, site.pk, 0, "")
    assert reason is None
    assert (
        hit.visitor
        == visitors.visitor_id(request, stats_clock())
        == visitors.recent_visitor_ids(request, stats_clock())[0]
    )
    bot = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Googlebot/2.1")
    bot.user = AnonymousUser()
    bot_hit, _reason = capture.build_hit(bot, site.pk, 0, "")
    assert bot_hit.visitor == visitors.visitor_id(bot, stats_clock())
