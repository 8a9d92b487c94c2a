"""Banners and maintenance notices appear and disappear on time, even on cached pages.

A cached page was rendered before a banner's start (or a notice's end) and would show the
old state until it expires. Rather than shorten every page's lifetime, the scheduler runs
``purge_at_boundaries`` every minute: when a start or end time fell since its last run it
purges the page cache (a new generation, core/pagecache.py), so the next reader gets a fresh
render — at most a minute late. nginx's microcache (production) keeps its copy at most
``PAGE_CACHE_SECONDS`` more, as after any settings change (docs/page-cache.md).

The time of the last run is kept in the shared cache, so a restarted scheduler does not
miss a boundary that passed while it was down (it purges once for it on its first run).
"""

from django.core.cache import caches
from django.db.models import Q
from django.utils import timezone

from vnportal.core import pagecache

from .models import Banner, MaintenanceNotice

INTERVAL = 60  # seconds between runs: how late a boundary may be seen on a cached page
LAST_RUN_KEY = "vnportal:navigation:boundaries:last-run"


def boundaries_between(after, until):
    """Whether any banner or notice starts or ends in ``(after, until]``."""
    for model in (Banner, MaintenanceNotice):
        start, end = model.start_field, model.end_field
        crossing = Q(**{f"{start}__gt": after, f"{start}__lte": until}) | Q(
            **{f"{end}__gt": after, f"{end}__lte": until}
        )
        if model.objects.filter(crossing).exists():
            return True
    return False


def purge_at_boundaries(now=None):
    """The scheduled job: returns whether it purged."""
    now = now or timezone.now()
    cache = caches["default"]
    last = cache.get(LAST_RUN_KEY)
    cache.set(LAST_RUN_KEY, now, timeout=None)
    if last is None or not boundaries_between(last, now):
        return False
    pagecache.purge_all()
    return True
