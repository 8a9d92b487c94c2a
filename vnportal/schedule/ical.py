"""The schedule as iCalendar (RFC 5545), for calendar applications to subscribe to.

Built with ``icalendar`` (maintained by the Plone Foundation). Times are local wall times in
Asia/Ho_Chi_Minh, sent with their zone (a VTIMEZONE is included), so a phone set to another
zone still shows the meeting at the right moment. An entry without a time starts at its
session's usual hour. A week's adjustment number is each event's SEQUENCE, so subscribed
calendars replace an event that moved instead of keeping both.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from vnportal.core import public
from vnportal.core.localtime import local_zone

from .models import Entry

SESSION_START = {
    Entry.Session.MORNING: datetime.time(7, 30),
    Entry.Session.AFTERNOON: datetime.time(13, 30),
    Entry.Session.EVENING: datetime.time(19, 0),
}
# How long an event lasts in the calendar: the schedule gives no end, an hour reads as "a meeting".
DURATION = datetime.timedelta(hours=1)


def starts_at(entry):
    wall = datetime.datetime.combine(entry.date, entry.time or SESSION_START[entry.session])
    return wall.replace(tzinfo=local_zone())


def summary(entry):
    return entry.content.splitlines()[0] if entry.content else ""


def description(entry):
    lines = [entry.content]
    if entry.presiding:
        lines.append(_("Presiding: %(name)s") % {"name": entry.presiding})
    if entry.participants:
        lines.append(_("Participants: %(names)s") % {"names": entry.participants})
    if entry.preparing_unit:
        lines.append(_("Preparing unit: %(unit)s") % {"unit": entry.preparing_unit.name})
    return "\n".join(lines)


def calendar(entries, name):
    """The iCalendar bytes for ``entries`` (each with its week, presiding leader and unit loaded)."""
    cal = Calendar()
    cal.add("prodid", "-//vnportal//lich-cong-tac//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(local_zone()))
    host = public.host() or "vnportal"
    for entry in entries:
        week = entry.week
        event = Event()
        event.add("uid", f"lich-cong-tac-{entry.pk}@{host}")
        event.add("dtstamp", week.changed_at or week.published_at or timezone.now())
        event.add("dtstart", starts_at(entry))
        event.add("dtend", starts_at(entry) + DURATION)
        event.add("sequence", week.revision)
        event.add("summary", summary(entry))
        event.add("description", description(entry))
        if entry.venue:
            event.add("location", entry.venue)
        event.add("url", public.url(week.get_absolute_url()))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
