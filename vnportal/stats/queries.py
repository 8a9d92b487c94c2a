"""Reading the counts: the public summary, an article's views, the most-read list.

Each read is cached briefly (the cache is Redis when configured, so all servers share
it): the block and "Lượt xem" cost no query on most page views. Which pages are articles
the content apps say (vnportal.core.registry.ARTICLE_PAGES): statistics import none."""

import datetime

from django.core.cache import cache
from django.db.models import Q, Sum

from vnportal.core import nearcache
from vnportal.core.registry import ARTICLE_PAGES

from . import clock, conf
from .models import DailyPageCount, DailySiteCount, Metric
from .stores import get_store

SUMMARY_TTL = 10
PAGE_VIEWS_TTL = 60
MOST_READ_TTL = 300


def _key(*parts):
    return "stats:" + ":".join(str(part) for part in parts)


def visit_totals(site_id, today=None):
    """Visits today, yesterday, this month and all time (the starting offset included)."""
    today = today or clock.local_date()
    yesterday = today - datetime.timedelta(days=1)
    month_start = today.replace(day=1)
    sums = DailySiteCount.objects.filter(site_id=site_id, metric=Metric.VISITS, key="").aggregate(
        today=Sum("count", filter=Q(day=today)),
        yesterday=Sum("count", filter=Q(day=yesterday)),
        month=Sum("count", filter=Q(day__gte=month_start, day__lte=today)),
        total=Sum("count"),
    )
    offset = conf.site_params(site_id).starting_offset
    return {
        "today": sums["today"] or 0,
        "yesterday": sums["yesterday"] or 0,
        "month": sums["month"] or 0,
        "total": offset + (sums["total"] or 0),
    }


def online_now(site_id):
    params = conf.site_params(site_id)
    counts = get_store().online(site_id, clock.now().timestamp(), params.online_window)
    counts["total"] = counts["guests"] + counts["members"]  # bots are counted apart
    return counts


def summary(site_id, use_cache=True):
    """The JSON of ``GET /api/stats/`` and the numbers of the sidebar block."""
    key = _key("summary", site_id)
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    data = {"online": online_now(site_id), **visit_totals(site_id)}
    cache.set(key, data, SUMMARY_TTL)
    return data


def page_views(page_id, use_cache=True):
    """Lượt xem: human views, once per visitor per visit, over all days."""
    key = _key("views", page_id)
    if use_cache:
        # A figure up to PAGE_VIEWS_TTL old wherever it is read: each process may keep the one it
        # read until the shared entry's own deadline (core/nearcache.py), no Redis read per article.
        cached = nearcache.get(key)
        if cached is not None:
            return cached
    value = DailyPageCount.objects.filter(page_id=page_id).aggregate(n=Sum("views"))["n"] or 0
    nearcache.set(key, value, PAGE_VIEWS_TTL)
    return value


def views_of_pages(page_ids):
    """Lượt xem of many pages at once, ``{page_id: views}``, read now (no cache): for reports,
    where the figure must be the current one and one query serves every row."""
    rows = DailyPageCount.objects.filter(page_id__in=list(page_ids)).values("page_id").annotate(n=Sum("views"))
    return {row["page_id"]: row["n"] or 0 for row in rows}


def most_read(site_id, days=30, limit=5, use_cache=True):
    """Live articles with the most views in the last ``days`` days: [(article, views)]."""
    key = _key("most_read", site_id, days, limit)
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            ids = cached
        else:
            ids = None
    else:
        ids = None
    if ids is None:
        since = clock.local_date() - datetime.timedelta(days=days - 1)
        rows = (
            DailyPageCount.objects.filter(of_page_types(ARTICLE_PAGES, live=True), site_id=site_id, day__gte=since)
            .values("page_id")
            .annotate(n=Sum("views"))
            .order_by("-n", "page_id")[:limit]
        )
        ids = [(row["page_id"], row["n"]) for row in rows if row["n"]]
        cache.set(key, ids, MOST_READ_TTL)
    pages = {}
    for model in ARTICLE_PAGES:
        pages.update(model.objects.live().public().in_bulk([pid for pid, _ in ids if pid not in pages]))
    return [(pages[pid], n) for pid, n in ids if pid in pages]


def of_page_types(models, live=False):
    """``page_id`` is a page of one of ``models`` (live and public ones only if ``live``);
    a subquery each, so no extra query. Nothing matches when no app registered any."""
    condition = Q(pk__in=[])
    for model in models:
        pages = model.objects.live().public() if live else model.objects.all()
        condition |= Q(page_id__in=pages.values("pk"))
    return condition


def forget(site_id=None):
    """Drop cached summaries (after settings change)."""
    if site_id is not None:
        cache.delete(_key("summary", site_id))
