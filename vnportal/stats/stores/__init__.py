"""The counter store of this process, chosen by STATS_STORE (redis | database | auto)."""

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .. import conf
from .database import DatabaseStore
from .fallback import RedisWithFallback
from .redis import RedisStore

_store = None
_lock = threading.Lock()


def get_store():
    global _store
    if _store is None:
        with _lock:
            if _store is None:
                _store = make_store(conf.store_name())
    return _store


def make_store(name, **options):
    if name == "redis":
        # Redis down: hits go to this process's database buffer instead (fallback.py).
        background = getattr(settings, "STATS_BACKGROUND_FLUSH", True)
        return RedisWithFallback(RedisStore(**options), lambda: DatabaseStore(background=background))
    if name == "database":
        options.setdefault("background", getattr(settings, "STATS_BACKGROUND_FLUSH", True))
        return DatabaseStore(**options)
    raise ImproperlyConfigured(f"STATS_STORE must be redis, database or auto, not {name!r}")


def set_store(store):
    """Tests use this to run the same checks against each store."""
    global _store
    _store = store
