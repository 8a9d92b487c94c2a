"""Lịch công tác: the week view, a leader's view and the iCalendar feeds (all shared: page cache)."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vnportal.agency.models import Person
from vnportal.core.localtime import localtime
from vnportal.core.text import format_short_date

from . import ical, queries

# The feeds carry recent and future weeks: a calendar needs no schedule from years ago.
FEED_WEEKS_BACK = 8


def adjustment_note(week):
    """ "Điều chỉnh lần N, cập nhật lúc HH:MM dd/mm/yyyy", from the first change after publication."""
    if week.pk is None or not week.is_published or not week.revision or week.changed_at is None:
        return ""
    return _("Adjustment %(number)s, updated at %(time)s") % {
        "number": week.revision,
        "time": f"{localtime(week.changed_at):%H:%M %d/%m/%Y}",
    }


def _week_or_404(year, week):
    found = queries.week_or_none(year, week)
    if found is None:
        raise Http404(_("There is no such week."))
    return found


def _leaders():
    return list(Person.objects.filter(is_leader=True, is_active=True).only("id", "name", "title"))


def _render(request, week, leader=None, is_index=False):
    entries = queries.entries_of(week, presiding=leader)
    previous, following = queries.neighbours(week)
    current = queries.current_key()

    def url_of(key):
        if leader is None:
            return reverse("schedule:week", args=key)
        return reverse("schedule:leader_week", args=[leader.pk, *key])

    current_url = reverse("schedule:index") if leader is None else reverse("schedule:leader", args=[leader.pk])
    title = _("Work schedule") if leader is None else _("Work schedule of %(name)s") % {"name": leader.name}
    period = _("Week %(week)s (%(start)s – %(end)s)") % {
        "week": week.week,
        "start": format_short_date(week.monday),
        "end": format_short_date(week.sunday),
    }
    return render(
        request,
        "schedule/week.html",
        {
            "week": week,
            "leader": leader,
            "leaders": _leaders(),
            "days": queries.grouped(week, entries),
            "entry_count": len(entries),
            "title": title,
            "period": period,
            "adjustment": adjustment_note(week),
            "is_current": (week.year, week.week) == current,
            "previous_url": url_of(previous),
            "next_url": url_of(following),
            "current_url": current_url,
            "canonical_path": url_of((week.year, week.week)) if not is_index else current_url,
            "ical_url": reverse("schedule:ical")
            if leader is None
            else reverse("schedule:leader_ical", args=[leader.pk]),
        },
    )


def index(request):
    """/lich-cong-tac/: this week's schedule (the page a reader bookmarks)."""
    return _render(request, _week_or_404(*queries.current_key()), is_index=True)


def week(request, year, week):
    """/lich-cong-tac/2026/50/: a given ISO week."""
    return _render(request, _week_or_404(year, week))


def _leader_or_404(pk):
    return get_object_or_404(Person.objects, pk=pk, is_leader=True, is_active=True)


def leader(request, pk):
    return _render(request, _week_or_404(*queries.current_key()), leader=_leader_or_404(pk), is_index=True)


def leader_week(request, pk, year, week):
    return _render(request, _week_or_404(year, week), leader=_leader_or_404(pk))


def _ical_response(entries, name, filename):
    response = HttpResponse(ical.calendar(entries, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed_entries():
    monday = datetime.date.fromisocalendar(*queries.current_key(), 1)
    return queries.published_entries().filter(date__gte=monday - datetime.timedelta(weeks=FEED_WEEKS_BACK))


def ical_all(request):
    return _ical_response(_feed_entries(), _("Work schedule"), "lich-cong-tac.ics")


def ical_leader(request, pk):
    person = _leader_or_404(pk)
    return _ical_response(
        _feed_entries().filter(presiding=person),
        _("Work schedule of %(name)s") % {"name": person.name},
        f"lich-cong-tac-{person.pk}.ics",
    )
