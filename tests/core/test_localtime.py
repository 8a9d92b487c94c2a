"""One local time: every "today", midnight and date line follows settings.TIME_ZONE."""

import datetime

import pytest
from django.test import RequestFactory

from vnportal.core import localtime, text, visitors
from vnportal.search.forms import SearchForm
from vnportal.stats import clock

# 17:30 UTC: already the 27th in Hà Nội (UTC+7), still the 26th in UTC.
MOMENT = datetime.datetime(2026, 11, 26, 17, 30, tzinfo=datetime.UTC)


def test_the_default_zone_is_vietnam():
    assert str(localtime.local_zone()) == "Asia/Ho_Chi_Minh"
    assert localtime.local_date(MOMENT) == datetime.date(2026, 11, 27)
    assert localtime.day_start(datetime.date(2026, 11, 27)) == datetime.datetime(
        2026, 11, 26, 17, 0, tzinfo=datetime.UTC
    )


@pytest.mark.parametrize(
    "zone, day, line", [("Asia/Ho_Chi_Minh", 27, "Thứ Sáu, 27/11/2026 00:30"), ("UTC", 26, "Thứ Năm, 26/11/2026 17:30")]
)
def test_every_part_reads_the_setting(settings, zone, day, line):
    settings.TIME_ZONE = zone
    assert localtime.local_date(MOMENT).day == day
    assert visitors.local_day(MOMENT).day == day  # the visitor salt's day (polls, statistics)
    assert clock.local_date(MOMENT).day == day  # the statistics' day
    assert clock.day_start(datetime.date(2026, 11, 26)).utcoffset() == localtime.localtime(MOMENT).utcoffset()
    assert text.format_article_datetime(MOMENT) == line
    form = SearchForm({"date_from": "2026-11-26"})
    assert form.is_valid()
    assert form.filters()["date_from"] == localtime.day_start(datetime.date(2026, 11, 26))


def test_an_activated_zone_does_not_move_the_portal_day(settings):
    from django.utils import timezone

    with timezone.override("America/New_York"):
        assert localtime.local_date(MOMENT) == datetime.date(2026, 11, 27)
        assert text.format_short_date(MOMENT) == "27/11/2026"


def test_visitor_ids_change_at_the_configured_midnight(settings, db):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="UA")
    before, after = MOMENT - datetime.timedelta(minutes=40), MOMENT  # 23:50 and 00:30 in Hà Nội
    assert visitors.visitor_id(request, before) != visitors.visitor_id(request, after)
    settings.TIME_ZONE = "UTC"  # both 26 November in UTC: one id
    assert visitors.visitor_id(request, before) == visitors.visitor_id(request, after)
