"""Reading the published schedule: one query per view, whatever a week holds."""

import datetime

from vnportal.core.localtime import local_date

from .models import Entry, Week


def current_key(today=None):
    return Week.key_of(today or local_date())


def week_or_none(year, week):
    """The ISO week ``(year, week)`` as a ``Week`` (unsaved when nobody entered it), or None
    when no such week exists (week 54, year 0 …)."""
    try:
        datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    if not 1 <= year <= 9998:  # the week after must still be a date
        return None
    found = Week.objects.published().filter(year=year, week=week).first()
    return found or Week(year=year, week=week)


def neighbours(week):
    """``(previous, next)`` as ``(year, week)`` pairs."""
    return Week.key_of(week.monday - datetime.timedelta(days=7)), Week.key_of(week.monday + datetime.timedelta(days=7))


def published_entries():
    return Entry.objects.filter(week__status=Week.Status.PUBLISHED).select_related(
        "presiding", "preparing_unit", "week"
    )


def entries_of(week, presiding=None):
    """The week's published entries (an empty list for an unpublished or unsaved week)."""
    if week.pk is None or not week.is_published:
        return []
    entries = Entry.objects.filter(week=week).select_related("presiding", "preparing_unit")
    if presiding is not None:
        entries = entries.filter(presiding=presiding)
    return list(entries)


def grouped(week, entries):
    """The week as the page shows it: seven days, each with its three sessions' entries.

    ``[{"date", "sessions": [{"session", "label", "entries"}], "count"}]``."""
    by_key = {}
    for entry in entries:
        by_key.setdefault((entry.date, entry.session), []).append(entry)
    days = []
    for day in week.days():
        sessions = [
            {"session": value, "label": label, "entries": by_key.get((day, value), [])}
            for value, label in Entry.Session.choices
        ]
        days.append({"date": day, "sessions": sessions, "count": sum(len(s["entries"]) for s in sessions)})
    return days
