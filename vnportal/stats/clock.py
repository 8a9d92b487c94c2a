"""The one clock every statistics rule reads, so tests can move time (midnight included).

Everything in the app calls ``clock.now()``; tests swap ``_now`` through the ``stats_clock``
fixture instead of patching Django's ``timezone.now`` for the whole process. The local
zone and day are the portal's one definition (vnportal.core.localtime).
"""

import datetime

from django.utils import timezone

from vnportal.core import localtime

_now = None
# The local day last asked for, as (zone, its midnight, the same and the next midnight in
# epoch seconds, day):
# every line of a beacon batch falls on the same day, and converting each moment to local
# time costs more than the rest of its date arithmetic. Keyed by the zone object, which
# Django replaces when TIME_ZONE changes.
_last_day = (None, None, 0.0, 0.0, None)


def day_start(day):
    """The aware instant of local midnight that begins ``day``."""
    zone, start, _start_ts, _end_ts, known = _last_day
    if known == day and zone is localtime.local_zone():
        return start
    return localtime.day_start(day)


def now():
    """The current time, aware, in UTC."""
    return _now() if _now is not None else timezone.now()


def set_source(func):
    """Use ``func`` (returning an aware datetime) as the clock; ``None`` restores real time."""
    global _now
    _now = func


def local_date(moment=None):
    """The calendar day in the portal's zone (settings.TIME_ZONE) of ``moment`` (default: this clock's now)."""
    global _last_day
    moment = moment or now()
    zone = localtime.local_zone()
    ts = moment.timestamp()
    known_zone, _start, start_ts, end_ts, day = _last_day
    if known_zone is zone and start_ts <= ts < end_ts:
        return day
    day = localtime.local_date(moment)
    start = localtime.day_start(day)
    end = localtime.day_start(day + datetime.timedelta(days=1))
    _last_day = (zone, start, start.timestamp(), end.timestamp(), day)
    return day
