"""The one clock every statistics rule reads, so tests can move time (midnight included).

Everything in the app calls ``clock.now()``; tests swap ``_now`` through the ``stats_clock``
fixture instead of patching Django's ``timezone.now`` for the whole process. The local
zone and day are the portal's one definition (vnportal.core.localtime).
"""

from django.utils import timezone

from vnportal.core import localtime

_now = None

day_start = localtime.day_start


def now():
    """The current time, aware, in UTC."""
    return _now() if _now is not None else timezone.now()


def set_source(func):
    """Use ``func`` (returning an aware datetime) as the clock; ``None`` restores real time."""
    global _now
    _now = func


def local_date(moment=None):
    """The calendar day in the portal's zone (settings.TIME_ZONE) of ``moment`` (default: this clock's now)."""
    return localtime.local_date(moment or now())
