"""Settings of the statistics app: deploy-time ones from the environment (settings.py),
and the ones an agency edits in the admin (StatsSettings), read on the hot path from a
small per-process cache so a page view costs no query."""

from dataclasses import dataclass

from django.conf import settings

from vnportal.core.memo import TTLMemo

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


PARAMS_TTL = 30  # seconds a process may use edited settings late
_params = TTLMemo(maxsize=1000, ttl=PARAMS_TTL)  # site id → SiteParams


def site_params(site_id):
    return _params.get_or_set(site_id, lambda: _read_params(site_id))


def _read_params(site_id):
    row = StatsSettings.objects.filter(site_id=site_id).first()
    if row is None:
        return SiteParams()
    return SiteParams(
        starting_offset=row.starting_offset,
        online_window=row.online_window_minutes * 60,
        visit_timeout=row.visit_timeout_minutes * 60,
    )


def forget_params():
    _params.clear()
