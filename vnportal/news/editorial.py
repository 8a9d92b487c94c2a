"""Báo cáo biên tập: what an inspection asks of a newsroom, for a date range.

Every article and every official document created or published in the range, with who
wrote it and who approved it, when it was created, submitted, approved, published and
last changed, how often it was read, and for a document the days between its issue and
its posting. Read from what Wagtail recorded (revisions, workflow and task states, log
entries), so the figures are the workflow's own.

Articles come from here; other content adds its rows through the
``vnportal_editorial_report_rows`` hook: ``fn(start, end) -> list of row dicts`` with the
keys of COLUMNS (the library registers its documents so), and this module never imports it.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.models import GroupPagePermission, Revision, TaskState, WorkflowState

from vnportal.core.exports import csv_response, xlsx_response
from vnportal.core.localtime import day_start, localtime
from vnportal.stats.queries import views_of_pages

from .models import ArticlePage

COLUMNS = [
    ("kind", pgettext_lazy("editorial report", "Kind")),
    ("title", pgettext_lazy("editorial report", "Title / summary")),
    ("author", pgettext_lazy("editorial report", "Author")),
    ("approver", pgettext_lazy("editorial report", "Approved by")),
    ("created", pgettext_lazy("editorial report", "Created")),
    ("submitted", pgettext_lazy("editorial report", "Submitted")),
    ("approved", pgettext_lazy("editorial report", "Approved")),
    ("published", pgettext_lazy("editorial report", "Published")),
    ("updated", pgettext_lazy("editorial report", "Updated")),
    ("views", gettext_lazy("Views")),
    ("days_to_post", gettext_lazy("Days from issue to posting")),
]
DATE_FORMAT = "%d/%m/%Y"


def user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def local_text(value):
    """ "13/11/2020 15:30" in Vietnam's time, "" for nothing."""
    if value is None:
        return ""
    return localtime(value).strftime("%d/%m/%Y %H:%M")


def day_bounds(start, end):
    """[start 00:00, the day after end 00:00) in Vietnam's time."""
    low = day_start(start)
    high = day_start(end + datetime.timedelta(days=1))
    return low, high


def article_rows(start, end):
    low, high = day_bounds(start, end)
    revisions = Revision.page_revisions.values("object_id").annotate(first=Min("created_at"))
    created_in_range = [
        int(r["object_id"]) for r in revisions.filter(first__gte=low, first__lt=high) if r["object_id"].isdigit()
    ]
    articles = list(
        ArticlePage.objects.filter(
            Q(pk__in=created_in_range) | Q(first_published_at__gte=low, first_published_at__lt=high)
        )
        .select_related("owner")
        .order_by("first_published_at", "pk")
    )
    ids = [str(a.pk) for a in articles]
    created = {r["object_id"]: r["first"] for r in revisions.filter(object_id__in=ids)}
    submitted = {
        r["object_id"]: r["first"]
        for r in WorkflowState.objects.filter(base_content_type__model="page", object_id__in=ids)
        .values("object_id")
        .annotate(first=Min("created_at"))
    }
    # The last approval of each article is the one that let it go out (the final review step).
    approvals = {}
    for state in (
        TaskState.objects.filter(status=TaskState.STATUS_APPROVED, workflow_state__object_id__in=ids)
        .select_related("finished_by", "workflow_state")
        .order_by("finished_at")
    ):
        approvals[state.workflow_state.object_id] = state
    views = views_of_pages(article.pk for article in articles)
    rows = []
    for article in articles:
        key = str(article.pk)
        approval = approvals.get(key)
        rows.append(
            {
                "kind": _("Article"),
                "title": article.title,
                "author": user_name(article.owner) + (f" ({article.author})" if article.author else ""),
                "approver": user_name(approval.finished_by) if approval else "",
                "created": local_text(created.get(key)),
                "submitted": local_text(submitted.get(key)),
                "approved": local_text(approval.finished_at) if approval else "",
                "published": local_text(article.first_published_at),
                "updated": local_text(article.latest_revision_created_at),
                "views": views.get(article.pk, 0) + article.imported_views,
                "days_to_post": "",
            }
        )
    return rows


def report_rows(start, end):
    rows = article_rows(start, end)
    for fn in hooks.get_hooks("vnportal_editorial_report_rows"):
        rows.extend(fn(start, end))
    return rows


def spreadsheet_response(rows, headings, filename, file_format):
    """CSV or XLSX of ``rows`` under ``headings``, through the portal's one export helper
    (vnportal.core.exports: every text cell neutralised against formula injection)."""
    table = [[str(h) for h in headings], *rows]
    if file_format == "xlsx":
        return xlsx_response([(_("Editorial report"), table)], f"{filename}.xlsx")
    return csv_response(table, f"{filename}.csv")


class RangeForm(forms.Form):
    start = forms.DateField(
        label=pgettext_lazy("editorial report", "From"),
        input_formats=[DATE_FORMAT],
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Enter a date as dd/mm/yyyy, e.g. 05/01/2026.")},
    )
    end = forms.DateField(
        label=pgettext_lazy("editorial report", "To"),
        input_formats=[DATE_FORMAT],
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Enter a date as dd/mm/yyyy, e.g. 05/01/2026.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


def may_see_report(user):
    """Leaders and administrators: whoever may publish somewhere (the newsroom's accountable people)."""
    if not user.is_active or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return (
        user.is_superuser
        or GroupPagePermission.objects.filter(group__user=user, permission__codename="publish_page").exists()
    )


def report_view(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    initial = {"start": (today.replace(day=1)).strftime(DATE_FORMAT), "end": today.strftime(DATE_FORMAT)}
    form = RangeForm(request.GET or initial)
    rows = []
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        rows = report_rows(start, end)
        file_format = request.GET.get("export")
        if file_format in ("csv", "xlsx"):
            keys = [key for key, _label in COLUMNS]
            return spreadsheet_response(
                [[row.get(key, "") for key in keys] for row in rows],
                [label for _key, label in COLUMNS],
                f"bao-cao-bien-tap-{start:%Y%m%d}-{end:%Y%m%d}",
                file_format,
            )
    query = request.GET.urlencode() if request.GET else ""
    return TemplateResponse(
        request,
        "news/admin/editorial_report.html",
        {"form": form, "rows": rows, "columns": COLUMNS, "query": query, "get_user_model": get_user_model},
    )
