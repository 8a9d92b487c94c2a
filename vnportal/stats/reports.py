"""What the dashboard and its exports show, computed from the daily rows only."""

import datetime
from collections import defaultdict

from django.db.models import Sum
from wagtail.models import Page

from vnportal.core.registry import ARTICLE_PAGES, SECTION_PAGES

from . import clock
from .models import DailyPageCount, DailySiteCount, Metric
from .queries import of_page_types

PERIODS = (30, 365)


def period(days):
    end = clock.local_date()
    return end - datetime.timedelta(days=days - 1), end


def daily_series(site_id, days):
    """[{day, visits, pageviews, bot_hits, excluded}] for every day of the period (zeros included)."""
    start, end = period(days)
    rows = (
        DailySiteCount.objects.filter(
            site_id=site_id,
            day__gte=start,
            day__lte=end,
            metric__in=[Metric.VISITS, Metric.PAGEVIEWS, Metric.BOT_HITS, Metric.EXCLUDED],
        )
        .values("day", "metric")
        .annotate(n=Sum("count"))
    )
    by_day = defaultdict(dict)
    for row in rows:
        by_day[row["day"]][row["metric"]] = row["n"]
    series = []
    day = start
    while day <= end:
        values = by_day.get(day, {})
        series.append(
            {
                "day": day,
                "visits": values.get(Metric.VISITS, 0),
                "pageviews": values.get(Metric.PAGEVIEWS, 0),
                "bot_hits": values.get(Metric.BOT_HITS, 0),
                "excluded": values.get(Metric.EXCLUDED, 0),
            }
        )
        day += datetime.timedelta(days=1)
    return series


def chart(series, key, width=720, height=160):
    """Bars for an inline SVG (no JavaScript chart library): [(x, y, w, h, day, value)]."""
    peak = max((item[key] for item in series), default=0) or 1
    step = width / max(len(series), 1)
    bars = []
    for index, item in enumerate(series):
        h = round(item[key] / peak * (height - 4), 1)
        bars.append(
            {
                "x": round(index * step, 2),
                "y": round(height - h, 1),
                "w": max(round(step * 0.8, 2), 0.5),
                "h": h,
                "day": item["day"],
                "value": item[key],
            }
        )
    return {"bars": bars, "width": width, "height": height, "peak": peak}


def keyed_totals(site_id, metric, days, limit=20):
    start, end = period(days)
    return list(
        DailySiteCount.objects.filter(site_id=site_id, metric=metric, day__gte=start, day__lte=end)
        .values("key")
        .annotate(n=Sum("count"))
        .order_by("-n", "key")[:limit]
    )


def top_pages(site_id, days, limit=20):
    """[(page, views, hits)] for the most viewed articles of the period."""
    start, end = period(days)
    rows = list(
        DailyPageCount.objects.filter(of_page_types(ARTICLE_PAGES), site_id=site_id, day__gte=start, day__lte=end)
        .values("page_id")
        .annotate(views=Sum("views"), hits=Sum("hits"))
        .order_by("-views", "page_id")[:limit]
    )
    pages = {}
    for model in ARTICLE_PAGES:
        pages.update(model.objects.in_bulk([row["page_id"] for row in rows if row["page_id"] not in pages]))
    return [(pages[row["page_id"]], row["views"], row["hits"]) for row in rows if row["page_id"] in pages]


def top_sections(site_id, days, limit=20):
    """Sections by the views of every page inside them (articles and the section itself)."""
    start, end = period(days)
    rows = (
        DailyPageCount.objects.filter(site_id=site_id, day__gte=start, day__lte=end)
        .values("page_id")
        .annotate(views=Sum("views"), hits=Sum("hits"))
    )
    per_page = {row["page_id"]: (row["views"], row["hits"]) for row in rows}
    paths = dict(Page.objects.filter(pk__in=per_page).values_list("pk", "path"))
    result = []
    sections = [section for model in SECTION_PAGES for section in model.objects.all().only("title", "path")]
    for section in sections:
        views = hits = 0
        for page_id, path in paths.items():
            if path.startswith(section.path):
                views += per_page[page_id][0]
                hits += per_page[page_id][1]
        if hits:
            result.append((section, views, hits))
    result.sort(key=lambda item: (-item[1], item[0].title))
    return result[:limit]


def shed_total(days):
    """Beacons the ingester shed over the period (over its capacity): stored under no site
    (0), since which portal a shed line was for is unknown; shown on every site's dashboard."""
    start, end = period(days)
    return (
        DailySiteCount.objects.filter(
            site_id=0, metric=Metric.EXCLUDED, key="shed", day__gte=start, day__lte=end
        ).aggregate(n=Sum("count"))["n"]
        or 0
    )
