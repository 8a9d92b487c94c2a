"""The portal's local time: the one zone every "today", "midnight" and date line means.

The zone is ``settings.TIME_ZONE`` (Asia/Ho_Chi_Minh), read through Django's
``timezone.get_default_timezone()`` — never a second hard-coded ZoneInfo, so a test or
an operator who changes the setting changes it everywhere. The *default* zone, not the
"current" one: a request that activated another zone must not move the portal's day.
"""

import datetime

from django.utils import timezone


def local_zone():
    return timezone.get_default_timezone()


def localtime(moment=None):
    """An aware datetime (default now) in the portal's zone."""
    return timezone.localtime(moment if moment is not None else timezone.now(), local_zone())


def local_date(moment=None):
    """The calendar day in the portal's zone of ``moment`` (default now)."""
    return localtime(moment).date()


def day_start(day):
    """The aware instant of local midnight that begins ``day``."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_zone())


def make_local(naive):
    """A naive datetime taken as local wall time, made aware."""
    return timezone.make_aware(naive, local_zone())
