"""Settings of the statistics app: deploy-time ones from the environment (settings.py),
and the ones an agency edits in the admin (StatsSettings), read on the hot path from a
small per-process cache so a page view costs no query."""

import threading
import time
from dataclasses import dataclass

from django.conf import settings

from .models import StatsSettings


def enabled():
    return getattr(settings, "STATS_ENABLED", True)


def store_name():
    name = getattr(settings, "STATS_STORE", "auto") or "auto"
    if name == "auto":
        return "redis" if getattr(settings, "REDIS_URL", "") else "database"
    return name


def flush_interval():
    return getattr(settings, "STATS_FLUSH_INTERVAL", 5)


def beacon_max_age():
    return getattr(settings, "STATS_BEACON_MAX_AGE", 6 * 3600)


def beacon_always():
    return getattr(settings, "STATS_BEACON_ALWAYS", False)


@dataclass(frozen=True)
class SiteParams:
    starting_offset: int = 0
    online_window: int = 5 * 60  # seconds
    visit_timeout: int = 30 * 60  # seconds

    @property
    def keep_seconds(self):
        """How long a visitor's last page view matters (visit timeout or online window)."""
        return max(self.online_window, self.visit_timeout)


_cache = {}
_lock = threading.Lock()
PARAMS_TTL = 30  # seconds a process may use edited settings late


def site_params(site_id):
    entry = _cache.get(site_id)
    if entry is not None and entry[0] > time.monotonic():
        return entry[1]
    row = StatsSettings.objects.filter(site_id=site_id).first()
    params = (
        SiteParams()
        if row is None
        else SiteParams(
            starting_offset=row.starting_offset,
            online_window=row.online_window_minutes * 60,
            visit_timeout=row.visit_timeout_minutes * 60,
        )
    )
    with _lock:
        _cache[site_id] = (time.monotonic() + PARAMS_TTL, params)
    return params


def forget_params():
    with _lock:
        _cache.clear()
