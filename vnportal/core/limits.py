"""Rate-limit counters every app server shares, also while Redis is down.

``count(key, window)`` adds one to ``key``'s counter and returns it. It counts in the default
cache (Redis in production: one atomic INCR), and in the database (``RateCount``: one upsert)
whenever the cache cannot answer, so a limit never stops limiting silently because Redis went
away. A window begun in Redis continues from zero in the database: at worst a client gets one
window's allowance twice across an outage, never an unlimited one.
"""

import time

from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import RateCount
from .redis_health import health


def count(key, window):
    if not health.is_down:
        value = _count_in_cache(key, window)
        if value is not None:
            return value
    return _count_in_database(key, window)


def _count_in_cache(key, window):
    """The new count, or None when the cache could not answer (django-redis IGNORE_EXCEPTIONS
    turns an unreachable Redis into None)."""
    cache = caches["default"]
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        return 1 if cache.add(key, 1, timeout=window) else None


def _count_in_database(key, window):
    start = int(time.time()) // window * window
    rows = RateCount.objects.filter(key=key, window_start=start)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=key, window_start=start, count=1)
                # A new window: the ones before it limit nobody any more.
                RateCount.objects.filter(key=key, window_start__lt=start).delete()
            except IntegrityError:  # another server began the window first
                rows.update(count=F("count") + 1)
        return rows.values_list("count", flat=True).get()
