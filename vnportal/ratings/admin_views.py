"""The "Đánh giá" page of the statistics dashboard (/quan-tri/thong-ke/danh-gia/) and its exports.

Shown to staff who may see the statistics (``stats.view_statistics``: a permission name,
not an import); stats links to it through the ``vnportal_stats_pages`` hook."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from vnportal.core.exports import csv_response, xlsx_response

from . import results

PERMISSION = "stats.view_statistics"
TABLES = ("muc", "chuyen-muc", "khao-sat", "y-kien")


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _days(request):
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    return days if days in results.PERIODS else 30


def dashboard(request):
    _require(request)
    days = _days(request)
    items = results.per_item(days)
    return render(
        request,
        "ratings/admin/dashboard.html",
        {
            "days": days,
            "periods": results.PERIODS,
            "items": items[:100],
            "item_count": len(items),
            "sections": results.per_section(items),
            "survey": results.survey(days),
            "comments": results.comments(days, limit=50),
            "survey_comments": results.survey_comments(days, limit=50),
        },
    )


def _tables(days):
    items = results.per_item(days)
    survey = results.survey(days)
    survey_rows = []
    for criterion in survey["criteria"]:
        survey_rows.append(
            [criterion["label"], criterion["average"] or "", *[n for _score, n, _pct in criterion["distribution"]]]
        )
    return {
        "muc": (
            _("Per item"),
            [_("Item"), _("Address"), _("Yes"), _("No"), _("Useful share"), _("Reasons")],
            [[row["title"], row["url"], row["yes"], row["no"], row["useful"], row["reasons"]] for row in items],
        ),
        "chuyen-muc": (
            _("Per section"),
            [_("News section"), _("Items"), _("Yes"), _("No"), _("Useful share")],
            [
                [row["section"], row["items"], row["yes"], row["no"], row["useful"]]
                for row in results.per_section(items)
            ],
        ),
        "khao-sat": (
            _("Survey"),
            [_("Criterion"), _("Average"), "1", "2", "3", "4", "5"],
            survey_rows,
        ),
        "y-kien": (
            _("Readers' reasons"),
            [_("Item"), _("Address"), _("Answer"), _("Reason"), _("In your own words"), _("Rated at")],
            [
                [
                    row["title"],
                    row["url"],
                    row["answer_label"],
                    row["reason_label"],
                    row["reason_text"],
                    row["updated_at"].isoformat(),
                ]
                for row in results.comments(days, limit=10_000)
            ],
        ),
    }


def export(request, fmt):
    _require(request)
    days = _days(request)
    tables = _tables(days)
    filename = f"danh-gia-{days or 'tat-ca'}-ngay" if days else "danh-gia-tat-ca"
    if fmt == "csv":
        name = request.GET.get("bang", TABLES[0])
        name = name if name in tables else TABLES[0]
        _title, header, rows = tables[name]
        suffix = "" if name == TABLES[0] else f"-{name}"
        return csv_response([header, *rows], f"{filename}{suffix}.csv")
    return xlsx_response([(title, [header, *rows]) for title, header, rows in tables.values()], f"{filename}.xlsx")


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("xuat.csv", export, {"fmt": "csv"}, name="export_csv"),
    path("xuat.xlsx", export, {"fmt": "xlsx"}, name="export_xlsx"),
]
