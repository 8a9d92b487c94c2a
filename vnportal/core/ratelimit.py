"""The per-address limits every citizen-facing form and the polls share (DESIGN.md).

``hit(ident, limit, window)`` counts one event in the current fixed window and says
whether it is still within ``limit``. The count lives in Redis when the site has it
(one atomic INCR, shared by every app server) and otherwise in the database (one atomic
``count = count + 1`` row, shared by every gunicorn worker of ``vnportal run``). Never in
process memory: there each of N workers would count alone and allow N × limit.
If Redis fails the database takes over, so a Redis outage is slower, never a 500.

``first_use(token, ttl)`` is the same store's other question: "has this value been seen
before?", answered once per value, e.g. for a solved proof-of-work challenge that must
not be replayed (vnportal.core.guard).

``ident`` names what is counted and for whom: callers prefix it with their own scope
("polls:<hashed address>", "guard:contact:<hashed address>"), so that limits never mix.
"""

import hashlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCounter

logger = logging.getLogger("vnportal.ratelimit")

KEY_LENGTH = 120  # RateCounter.key


def _window_key(ident, window, now):
    return f"rate:{ident}:{int(now // window)}"[:KEY_LENGTH]


def _hit_redis(key, window):
    # add() then incr() are each atomic in Redis; the key outlives its window a little
    # so that a slow request at the edge still finds it.
    cache.add(key, 0, timeout=window + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this event opens the window
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
    """Count one event for ``ident`` (a scope and a hashed address); True while within ``limit``."""
    key = _window_key(ident, window, time.time() if now is None else now)
    count = None
    if uses_redis():
        try:
            count = _hit_redis(key, window)
        except Exception:  # Redis down or refusing: count in the database instead
            logger.warning("Rate limit: Redis unavailable, counting in the database", exc_info=True)
    if count is None:
        count = _hit_database(key, window)
    return count <= limit


def _once_key(token):
    # A digest: the token may be long (a whole proof-of-work payload) and is nobody's business.
    return "once:" + hashlib.sha256(token.encode()).hexdigest()


def _first_use_database(key, ttl):
    now = timezone.now()
    try:
        with transaction.atomic():
            # A row whose time is over is the cleanup job's leftover, not a use: reclaimed.
            RateCounter.objects.filter(key=key, expires_at__lt=now).delete()
            RateCounter.objects.create(key=key, count=1, expires_at=now + timedelta(seconds=ttl))
    except IntegrityError:  # another request (any worker) claimed it first
        return False
    return True


def first_use(token, ttl):
    """True the first time ``token`` is presented within ``ttl`` seconds, False ever after.

    The claim is atomic in both stores (Redis ADD; a primary-key INSERT), so two requests
    racing with one token cannot both win. When Redis fails the database answers; a token
    first seen by Redis during the outage's start may then be accepted once more, which
    the other limits still bound.
    """
    key = _once_key(token)
    if uses_redis():
        try:
            return bool(cache.add(key, 1, timeout=ttl))
        except Exception:
            logger.warning("Replay check: Redis unavailable, using the database", exc_info=True)
    return _first_use_database(key, ttl)


def cleanup(now=None):
    """Delete the database windows and remembered tokens whose time is over (a scheduled job)."""
    RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
