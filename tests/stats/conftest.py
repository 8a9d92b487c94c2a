"""Fixtures for the statistics tests: a clock the test moves, and each counter store."""

import datetime
import os
from zoneinfo import ZoneInfo

import pytest

from vnportal.stats import clock, conf, visitor
from vnportal.stats.stores import make_store, set_store

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
FIREFOX_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


class Clock:
    def __init__(self, start):
        self.moment = start

    def __call__(self):
        return self.moment

    def set(self, *args):
        """Local (Asia/Ho_Chi_Minh) wall time: set(2026, 11, 26, 23, 50)."""
        self.moment = datetime.datetime(*args, tzinfo=HCM).astimezone(datetime.UTC)

    def advance(self, **delta):
        self.moment += datetime.timedelta(**delta)


@pytest.fixture
def stats_clock():
    fake = Clock(datetime.datetime(2026, 11, 26, 10, 0, tzinfo=HCM).astimezone(datetime.UTC))
    clock.set_source(fake)
    yield fake
    clock.set_source(None)


def _stores():
    names = ["database"]
    names.append(
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(
                not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: the Redis store is not tested"
            ),
        )
    )
    return names


@pytest.fixture(params=_stores())
def store(request, db, stats_clock, settings):
    """Each test using it runs once per counter store (the same suite for both)."""
    from django.core.cache import cache

    settings.STATS_STORE = request.param
    instance = make_store(request.param) if request.param == "redis" else make_store("database", background=False)
    instance.reset()
    set_store(instance)
    conf.forget_params()
    visitor.forget_salts()
    cache.clear()
    from vnportal.stats import beacon

    beacon._live_pages.clear()
    yield instance
    instance.reset()
    set_store(None)
    conf.forget_params()
    visitor.forget_salts()
    cache.clear()


@pytest.fixture
def get(client):
    """A GET as a reader: browser user agent and an address unless told otherwise."""

    def do(path, ip="203.0.113.7", ua=BROWSER_UA, **extra):
        meta = {"REMOTE_ADDR": ip}
        if ua is not None:
            meta["HTTP_USER_AGENT"] = ua
        meta.update(extra)
        return client.get(path, **meta)

    return do


def counts(site_id=None, day=None):
    """{(day, metric, key): count} from the daily rows."""
    from vnportal.stats.models import DailySiteCount

    rows = DailySiteCount.objects.all()
    if site_id is not None:
        rows = rows.filter(site_id=site_id)
    if day is not None:
        rows = rows.filter(day=day)
    return {(r.day.isoformat(), r.metric, r.key): r.count for r in rows}


def metric(name, day=None, key=""):
    from django.db.models import Sum

    from vnportal.stats.models import DailySiteCount

    rows = DailySiteCount.objects.filter(metric=name, key=key)
    if day is not None:
        rows = rows.filter(day=day)
    return rows.aggregate(n=Sum("count"))["n"] or 0


def page_counts(page_id):
    from django.db.models import Sum

    from vnportal.stats.models import DailyPageCount

    result = DailyPageCount.objects.filter(page_id=page_id).aggregate(views=Sum("views"), hits=Sum("hits"))
    return result["views"] or 0, result["hits"] or 0
