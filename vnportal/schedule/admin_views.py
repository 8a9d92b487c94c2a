"""The office's one screen for the schedule: a list of weeks, and a week's entries in one form.

Rights: ``schedule.change_week`` (the "Văn phòng" group, made by migration 0002, and
administrators). Saving a draft keeps it private; "Publish" makes it public; a published week
saved with changes counts one more adjustment (models.Week.record_adjustment), which the
public page shows with its time.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from vnportal.core.text import format_short_date

from . import queries
from .forms import entry_formset, grouped_forms
from .models import Week
from .signals import PURGED_WITH_WEEK

PERMISSION = "schedule.change_week"


def may_edit(user):
    return user.is_active and user.has_perm(PERMISSION)


def _check(request):
    if not may_edit(request.user):
        raise PermissionDenied


def week_list(request):
    """This week, the next and the last few, whether entered or not, and every other entered week."""
    _check(request)
    year, number = queries.current_key()
    monday = datetime.date.fromisocalendar(year, number, 1)
    keys = [Week.key_of(monday + datetime.timedelta(weeks=n)) for n in (2, 1, 0, -1, -2)]
    stored = {(w.year, w.week): w for w in Week.objects.annotate(entry_count=Count("entries"))[:200]}
    keys += [key for key in stored if key not in keys]
    rows = []
    for key in keys:
        week = stored.get(key) or Week(year=key[0], week=key[1])
        rows.append(
            {
                "week": week,
                "period": f"{format_short_date(week.monday)} – {format_short_date(week.sunday)}",
                "is_current": key == (year, number),
                "entries": getattr(week, "entry_count", 0),
            }
        )
    return TemplateResponse(
        request, "schedule/admin/week_list.html", {"rows": rows, "header_title": _("Work schedule")}
    )


def week_edit(request, year, week):
    _check(request)
    try:
        datetime.date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise Http404(_("There is no such week.")) from exc
    instance = Week.objects.filter(year=year, week=week).first() or Week(year=year, week=week)
    formset = entry_formset(instance, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if formset.is_valid():
            _save(request, instance, formset, publish=action == "publish", unpublish=action == "unpublish")
            return redirect("schedule_admin_week", year=year, week=week)
        messages.error(request, _("The schedule was not saved: correct the rows marked below."))
    stray, days = grouped_forms(instance, formset)
    title = _("Work schedule, week %(week)s/%(year)s") % {"week": week, "year": year}
    return TemplateResponse(
        request,
        "schedule/admin/week_edit.html",
        {
            "week": instance,
            "formset": formset,
            "stray_forms": stray,
            "days": days,
            "header_title": title,
            "period": f"{format_short_date(instance.monday)} – {format_short_date(instance.sunday)}",
            "previous": queries.neighbours(instance)[0],
            "next": queries.neighbours(instance)[1],
        },
    )


@transaction.atomic
def _save(request, week, formset, publish=False, unpublish=False):
    now = timezone.now()
    was_published = week.is_published
    changed = formset.has_changed()
    if week.pk is None:
        setattr(week, PURGED_WITH_WEEK, True)  # a row for the entries to point to; the last save purges
        week.save()
        setattr(week, PURGED_WITH_WEEK, False)
    entries = formset.save(commit=False)
    for entry in [*entries, *formset.deleted_objects]:
        setattr(entry, PURGED_WITH_WEEK, True)  # one purge, by the week's save below
    for entry in entries:
        entry.week = week
        entry.save()
    for entry in formset.deleted_objects:
        entry.delete()
    if unpublish and was_published:
        week.status = Week.Status.DRAFT
        message = _("The week was withdrawn from the portal.")
    elif was_published and changed:
        week.record_adjustment(now)
        message = _("Adjustment %(number)s saved and published.") % {"number": week.revision}
    elif publish and not was_published:
        republished = week.published_at is not None  # withdrawn once: coming back is a change readers must see
        week.publish(now)
        if republished:
            week.record_adjustment(now)
        message = _("The week's schedule was published.")
    elif was_published:
        message = _("Nothing was changed.")
    else:
        message = _("The draft was saved; it is not on the portal until published.")
    week.save()  # always: its signal purges the week's pages (signals.py)
    log(instance=week, action="wagtail.edit", user=request.user)
    messages.success(request, message)
