"""Statistics helpers shared by the statistics tests and the browser tests: a clock a test
moves, the user agents of ordinary browsers, and the counts read back from the daily rows."""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Sum

from vnportal.stats.models import DailyPageCount, DailySiteCount

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


def counts(site_id=None, day=None):
    """{(day, metric, key): count} from the daily rows."""
    rows = DailySiteCount.objects.all()
    if site_id is not None:
        rows = rows.filter(site_id=site_id)
    if day is not None:
        rows = rows.filter(day=day)
    return {(r.day.isoformat(), r.metric, r.key): r.count for r in rows}


def metric(name, day=None, key=""):
    rows = DailySiteCount.objects.filter(metric=name, key=key)
    if day is not None:
        rows = rows.filter(day=day)
    return rows.aggregate(n=Sum("count"))["n"] or 0


def page_counts(page_id):
    result = DailyPageCount.objects.filter(page_id=page_id).aggregate(views=Sum("views"), hits=Sum("hits"))
    return result["views"] or 0, result["hits"] or 0
