"""Every anti-abuse check the ratings make, in one module the lead can re-point.

DESIGN.md wants per-address limits in a store every worker shares, a honeypot and a
minimum fill time (and, soon, core's proof-of-work guard). The portal's shared limiter
lives in polls (``polls/ratelimit.py``, moving to core); a service may not import another,
so until it moves this counts in the default cache: Redis in production (shared by every
server, one atomic INCR), the local-memory cache in the embedded profile (there each
gunicorn worker counts alone: N workers allow N × the limit). Switching to core's limiter
changes ``hit`` only.
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from vnportal.core.visitors import hashed_ip

HONEYPOT_FIELD = "website"
STARTED_FIELD = "started"
STARTED_SALT = "vnportal.ratings.started"


def hit(ident, limit, window, now=None):
    """Count one event for ``ident`` in the current fixed window; True while within ``limit``."""
    key = f"ratings:rate:{ident}:{int((time.time() if now is None else now) // window)}"
    try:
        cache.add(key, 0, timeout=window + 5)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        count = 1
    except Exception:  # the cache is down: never refuse a reader for our fault
        return True
    return count <= limit


def rating_allowed(request):
    """At most RATINGS_IP_RATE_LIMIT ratings per client address per window."""
    limit = getattr(settings, "RATINGS_IP_RATE_LIMIT", 120)
    if limit <= 0:
        return True
    return hit(hashed_ip(request, "ratings"), limit, getattr(settings, "RATINGS_IP_RATE_WINDOW", 600))


def survey_allowed(request):
    limit = getattr(settings, "RATINGS_SURVEY_IP_RATE_LIMIT", 20)
    if limit <= 0:
        return True
    return hit(hashed_ip(request, "survey"), limit, getattr(settings, "RATINGS_IP_RATE_WINDOW", 600))


def honeypot_filled(data):
    """A field people never see (hidden from screen readers too); robots fill it."""
    return bool(str(data.get(HONEYPOT_FIELD, "") or "").strip())


def started_token(now=None):
    return signing.dumps(int(time.time() if now is None else now), salt=STARTED_SALT)


def filled_too_fast(data, now=None):
    """True when the form came back sooner than RATINGS_SURVEY_MIN_SECONDS after it was
    shown, or without a genuine start time."""
    minimum = getattr(settings, "RATINGS_SURVEY_MIN_SECONDS", 3)
    try:
        started = signing.loads(str(data.get(STARTED_FIELD, "") or ""), salt=STARTED_SALT, max_age=24 * 3600)
    except (signing.BadSignature, ValueError):
        return True
    if not isinstance(started, int):
        return True
    return (time.time() if now is None else now) - started < minimum
