"""Client IP and visitor id (DESIGN.md: access statistics — definitions)."""

import datetime
import hashlib
import hmac

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from vnportal.core import visitors
from vnportal.core.localtime import local_zone
from vnportal.core.models import VisitorSalt


def req(ip="203.0.113.5", ua="UA", xff=None, host="portal.example"):
    extra = {"REMOTE_ADDR": ip, "HTTP_USER_AGENT": ua, "HTTP_HOST": host}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    request = RequestFactory().get("/", **extra)
    request.user = AnonymousUser()
    return request


@pytest.fixture(autouse=True)
def _allowed_hosts(settings):
    settings.ALLOWED_HOSTS = ["portal.example", "other.example", "testserver"]
    visitors.forget_cached_salts()
    yield
    visitors.forget_cached_salts()


def test_remote_addr_when_no_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = []
    assert visitors.client_ip(req(ip="203.0.113.5", xff="1.2.3.4")) == "203.0.113.5"


def test_forwarded_for_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert visitors.client_ip(req(ip="10.0.0.2", xff="198.51.100.9")) == "198.51.100.9"
    # the client prepended its own fake entry: the right-most untrusted one wins
    assert visitors.client_ip(req(ip="10.0.0.2", xff="1.1.1.1, 198.51.100.9")) == "198.51.100.9"
    # a chain of trusted proxies is walked through
    assert visitors.client_ip(req(ip="10.0.0.2", xff="198.51.100.9, 10.0.0.7")) == "198.51.100.9"
    # an untrusted sender's header is ignored
    assert visitors.client_ip(req(ip="203.0.113.5", xff="198.51.100.9")) == "203.0.113.5"


def test_garbage_forwarded_for_stops_at_the_last_vouched_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert visitors.client_ip(req(ip="10.0.0.2", xff="not-an-ip")) == "10.0.0.2"
    assert visitors.client_ip(req(ip="10.0.0.2", xff="")) == "10.0.0.2"


def test_ipv6_and_missing_address(settings):
    settings.TRUSTED_PROXIES = ["::1/128"]
    assert visitors.client_ip(req(ip="::1", xff="2001:db8::5")) == "2001:db8::5"
    assert visitors.client_ip(req(ip="")) == ""


@pytest.mark.django_db
def test_guest_id_is_stable_per_day_and_distinct_per_ip_ua_site():
    now = timezone.now()
    base = visitors.visitor_id(req(), now)
    assert base.startswith("g:") and len(base) == 2 + visitors.GUEST_ID_LENGTH
    assert visitors.visitor_id(req(), now) == base
    assert visitors.visitor_id(req(ip="203.0.113.6"), now) != base
    assert visitors.visitor_id(req(ua="Other"), now) != base
    assert visitors.visitor_id(req(host="other.example"), now) != base
    assert "203.0.113.5" not in base


@pytest.mark.django_db
def test_salt_rotates_at_local_midnight_and_old_salts_are_deleted():
    before = datetime.datetime(2026, 11, 26, 23, 59, tzinfo=local_zone())
    after = before + datetime.timedelta(minutes=2)
    assert visitors.visitor_id(req(), before) != visitors.visitor_id(req(), after)
    assert visitors.local_day(datetime.datetime(2026, 11, 26, 17, 30, tzinfo=datetime.UTC)).day == 27
    visitors.visitor_id(req(), after + datetime.timedelta(days=2))
    assert sorted(str(d) for d in VisitorSalt.objects.values_list("day", flat=True)) == ["2026-11-29"]


@pytest.mark.django_db
def test_salt_is_shared_through_the_database_not_the_process():
    now = timezone.now()
    first = visitors.visitor_id(req(), now)
    visitors.forget_cached_salts()  # another app server: same database, empty memory
    assert visitors.visitor_id(req(), now) == first
    VisitorSalt.objects.all().delete()
    visitors.forget_cached_salts()
    assert visitors.visitor_id(req(), now) != first


@pytest.mark.django_db
def test_member_id(django_user_model):
    user = django_user_model.objects.create_user("a", "a@example.vn", "x")
    request = req()
    request.user = user
    assert visitors.visitor_id(request) == f"u:{user.pk}"
    assert visitors.recent_visitor_ids(request) == [f"u:{user.pk}"]


@pytest.mark.django_db
def test_recent_ids_cover_yesterday():
    now = timezone.now()
    today, yesterday = visitors.recent_visitor_ids(req(), now)
    assert today == visitors.visitor_id(req(), now)
    assert yesterday == visitors.visitor_id(req(), now - datetime.timedelta(days=1))


@pytest.mark.django_db
def test_the_guest_id_format_is_the_one_polls_stored():
    """Ballots keep the ids of past days: the message and the length must not drift, or a
    guest who voted yesterday could vote again today (a change needs a data migration)."""
    now = timezone.now()
    salt = visitors.daily_salt(visitors.local_day(now))
    message = b"portal.example\x1f203.0.113.5\x1fUA"
    expected = "g:" + hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()[:32]
    assert visitors.visitor_id(req(), now) == expected
