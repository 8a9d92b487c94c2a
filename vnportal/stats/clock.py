"""The one clock every statistics rule reads, so tests can move time (midnight included).

Everything in the app calls ``clock.now()``; tests swap ``_now`` through the ``stats_clock``
fixture instead of patching Django's ``timezone.now`` for the whole process.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

_now = None


def now():
    """The current time, aware, in UTC."""
    return _now() if _now is not None else timezone.now()


def set_source(func):
    """Use ``func`` (returning an aware datetime) as the clock; ``None`` restores real time."""
    global _now
    _now = func


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


def local_date(moment=None):
    """The calendar day in Asia/Ho_Chi_Minh (the site's zone) of ``moment``."""
    return (moment or now()).astimezone(local_zone()).date()


def day_start(day):
    """The aware instant of local midnight that begins ``day``."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_zone())


def epoch(moment):
    return moment.timestamp()
