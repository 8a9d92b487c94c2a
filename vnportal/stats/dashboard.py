"""The statistics dashboard in the Wagtail admin and its CSV/XLSX exports.

Only staff with the ``stats.view_statistics`` permission see the menu item or may open
these views; the settings (offset, window, timeout) are a Wagtail site setting."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from vnportal.core.exports import csv_response, xlsx_response

from . import queries, reports
from .access import chosen_site
from .bots import REASON_SHED, REASONS
from .models import Metric


def _require(request):
    if not request.user.has_perm("stats.view_statistics"):
        raise PermissionDenied


def _days(request):
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    return days if days in reports.PERIODS else 30


def reason_label(reason):
    return {
        "crawler": _("Crawler (known bot list)"),
        "empty_ua": _("No user agent"),
        "headless": _("Headless or automated browser"),
        "prefetch": _("Prefetch"),
        "invalid_token": _("Refused beacon token"),
        REASON_SHED: _("Beacons shed by the ingester (over capacity)"),
    }.get(reason, reason)


def other_pages(request):
    """Pages other services add to the dashboard (``vnportal_stats_pages``: a function of the
    request returning ``[{"title", "url"}]``, empty for a user who may not see it), e.g. ratings'
    "Đánh giá"; stats imports none of them."""
    found = []
    for fn in hooks.get_hooks("vnportal_stats_pages"):
        found.extend(fn(request) or [])
    return found


def dashboard(request):
    _require(request)
    site, sites = chosen_site(request)
    days = _days(request)
    series = reports.daily_series(site.pk, days)
    try:
        settings_url = reverse("wagtailsettings:edit", args=["stats", "statssettings", site.pk])
    except NoReverseMatch:
        settings_url = ""
    context = {
        "site": site,
        "sites": sites,
        "site_query": f"&site={site.pk}" if len(sites) > 1 else "",
        "shed": reports.shed_total(days),
        "days": days,
        "periods": reports.PERIODS,
        "summary": queries.summary(site.pk, use_cache=False),
        "visits_chart": reports.chart(series, "visits"),
        "pageviews_chart": reports.chart(series, "pageviews"),
        "series": list(reversed(series)),
        "totals": {key: sum(item[key] for item in series) for key in ("visits", "pageviews", "bot_hits", "excluded")},
        "top_pages": reports.top_pages(site.pk, days),
        "top_sections": reports.top_sections(site.pk, days),
        "referrers": reports.keyed_totals(site.pk, Metric.REFERRER, days),
        "exclusions": [
            {"key": row["key"], "label": reason_label(row["key"]), "n": row["n"]}
            for row in reports.keyed_totals(site.pk, Metric.EXCLUDED, days, limit=len(REASONS) + 5)
        ],
        "settings_url": settings_url,
        "other_pages": other_pages(request),
    }
    return render(request, "stats/dashboard.html", context)


# The exported tables, by the name the CSV export takes in ``?bang=`` (one table per CSV file;
# the XLSX workbook holds them all, in this order).
TABLES = ("ngay", "bai-viet", "nguon", "loai-tru")


def _tables(site, days):
    """The exported tables: {name: (sheet title, header, rows)}."""
    series = reports.daily_series(site.pk, days)
    return {
        "ngay": (
            _("By day"),
            [_("Day"), _("Visits"), _("Page views"), _("Bot hits"), _("Excluded hits")],
            [
                [item["day"].isoformat(), item["visits"], item["pageviews"], item["bot_hits"], item["excluded"]]
                for item in series
            ],
        ),
        "bai-viet": (
            _("Articles"),
            [_("Article"), _("Address"), _("Views"), _("Page views")],
            [[page.title, page.url_path, views, hits] for page, views, hits in reports.top_pages(site.pk, days, 1000)],
        ),
        "nguon": (
            _("Referrers"),
            [_("Domain"), _("Visits")],
            [[row["key"], row["n"]] for row in reports.keyed_totals(site.pk, Metric.REFERRER, days, 1000)],
        ),
        "loai-tru": (
            _("Exclusions"),
            [_("Reason"), _("Hits")],
            [[reason_label(row["key"]), row["n"]] for row in reports.keyed_totals(site.pk, Metric.EXCLUDED, days, 100)],
        ),
    }


def export(request, fmt):
    _require(request)
    site, _sites = chosen_site(request)
    days = _days(request)
    tables = _tables(site, days)
    filename = f"thong-ke-{days}-ngay"
    if fmt == "csv":
        # One table per file: the daily one unless ``?bang=`` names another.
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
