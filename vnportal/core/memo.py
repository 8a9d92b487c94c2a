"""Small per-process memos whose entries expire (``cachetools.TTLCache``).

For values every process may hold a few seconds late (a site's settings, whether a page
is live): they save a query or a signature check per hit. Anything processes must agree
on at once belongs in the shared cache instead (DESIGN.md: nothing kept in one process's
memory that another server needs to agree with).

``TTLCache`` is not thread-safe and gunicorn threads, the scheduler and the ingester's
threads share these, so every access holds the memo's lock; the value is computed outside
it (two threads may both compute a missing value, the last one is kept — harmless here).
"""

import threading
import time

from cachetools import TTLCache

_MISSING = object()


class TTLMemo:
    def __init__(self, maxsize, ttl, timer=time.monotonic):
        self._cache = TTLCache(maxsize=maxsize, ttl=ttl, timer=timer)
        self._lock = threading.Lock()

    def get_or_set(self, key, compute):
        """The remembered value for ``key`` (None included), else ``compute()``, remembered."""
        with self._lock:
            value = self._cache.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            with self._lock:
                self._cache[key] = value
        return value

    def clear(self):
        with self._lock:
            self._cache.clear()
