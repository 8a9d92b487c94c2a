"""Working days (DESIGN.md, "Interaction — rules"): Monday–Friday minus public holidays, in the
portal's zone (Asia/Ho_Chi_Minh). A pure calendar: the holidays are passed in, so the rules are
tested without a database; ``holidays()`` gathers the configured ones (settings and the apps
that keep an admin-edited list, through the ``vnportal_public_holidays`` hook).

Counting: a request received on a working day before the office closes counts that day as its
first working day; one received after closing, at a weekend or on a holiday counts from the
next working day. A deadline of *n* working days is the end of the *n*-th counted day.
"""

import datetime

from django.conf import settings
from wagtail import hooks

from .localtime import localtime

ONE_DAY = datetime.timedelta(days=1)


def office_closes():
    """The local time after which a request counts from the next working day (default 17:00)."""
    hours, _, minutes = getattr(settings, "OFFICE_HOURS_END", "17:00").partition(":")
    return datetime.time(int(hours), int(minutes or 0))


def configured_holidays():
    """The dates in ``settings.PUBLIC_HOLIDAYS`` (ISO strings or dates)."""
    found = set()
    for value in getattr(settings, "PUBLIC_HOLIDAYS", ()):
        found.add(value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value).strip()))
    return found


def holidays():
    """Every configured public holiday: the setting plus each ``vnportal_public_holidays`` hook,
    a function returning an iterable of dates (the questions app's admin-edited list)."""
    found = configured_holidays()
    for fn in hooks.get_hooks("vnportal_public_holidays"):
        found.update(fn())
    return frozenset(found)


def is_working_day(day, holiday_dates):
    return day.weekday() < 5 and day not in holiday_dates


def next_working_day(day, holiday_dates):
    """The first working day strictly after ``day``."""
    day += ONE_DAY
    while not is_working_day(day, holiday_dates):
        day += ONE_DAY
    return day


def first_counted_day(moment, holiday_dates, closes=None):
    """The first working day a request received at ``moment`` (aware) counts from."""
    local = localtime(moment)
    day = local.date()
    if is_working_day(day, holiday_dates) and local.time() < (closes or office_closes()):
        return day
    return next_working_day(day, holiday_dates)


def due_date(moment, working_days, holiday_dates, closes=None):
    """The last day of a deadline of ``working_days`` working days for a request received at ``moment``."""
    if working_days < 1:
        raise ValueError("a deadline is at least one working day")
    day = first_counted_day(moment, holiday_dates, closes)
    for _ in range(working_days - 1):
        day = next_working_day(day, holiday_dates)
    return day


def working_days_between(start, end, holiday_dates):
    """How many working days lie in (start, end]: 0 when end ≤ start (for "n days overdue")."""
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_working_day(day, holiday_dates):
            count += 1
    return count
