"""The per-address vote limit, counted in a store every worker shares (DESIGN.md).

``hit(ident, limit, window)`` counts one vote in the current fixed window and says
whether it is still within ``limit``. The count lives in Redis when the site has it
(one atomic INCR, shared by every app server) and otherwise in the database (one atomic
``count = count + 1`` row, shared by every gunicorn worker of ``vnportal run``). Never in
process memory: there each of N workers would count alone and allow N × limit.
If Redis fails the database takes over, so a Redis outage is slower, never a 500.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCounter

logger = logging.getLogger("vnportal.polls")


def _window_key(ident, window, now):
    return f"polls:rate:{ident}:{int(now // window)}"


def _hit_redis(key, window):
    # add() then incr() are each atomic in Redis; the key outlives its window a little
    # so that a slow request at the edge still finds it.
    cache.add(key, 0, timeout=window + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this vote opens the window
        cache.add(key, 1, timeout=window + 5)
        return 1


def _hit_database(key, window):
    expires = timezone.now() + timedelta(seconds=window + 5)
    with transaction.atomic():
        if not RateCounter.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=expires)
            except IntegrityError:  # another worker created the row a moment ago
                RateCounter.objects.filter(key=key).update(count=F("count") + 1)
        return RateCounter.objects.filter(key=key).values_list("count", flat=True).get()


def uses_redis():
    return bool(settings.REDIS_URL)


def hit(ident, limit, window, now=None):
    """Count one event for ``ident`` (a hashed address); True while within ``limit``."""
    key = _window_key(ident, window, time.time() if now is None else now)
    count = None
    if uses_redis():
        try:
            count = _hit_redis(key, window)
        except Exception:  # Redis down or refusing: count in the database instead
            logger.warning("Vote rate limit: Redis unavailable, counting in the database", exc_info=True)
    if count is None:
        count = _hit_database(key, window)
    return count <= limit


def cleanup(now=None):
    """Delete the database windows that have ended (a scheduled job)."""
    RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
