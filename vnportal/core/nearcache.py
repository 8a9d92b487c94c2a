"""A process-local copy in front of the shared cache, for entries that never change.

In production every cache read is a Redis round trip, and a page rendered cold reads about
fifteen entries: its fragments (fragments.py), the site's structure (structure.py), a
search or library listing. Those entries are keyed by a *generation* (generations.py): once
written under a key, an entry never changes — a purge draws a new generation, and so new
keys. An entry read once may therefore be kept by the process that read it, and served again
without asking Redis, for as long as the entry itself lives.

How long that is must be exact: a fragment may also be bounded by time (the statistics block
for 10 s, "Đọc nhiều nhất" for 5 minutes, a poll block until the next poll opens). So the
shared cache holds ``(tag, deadline, value)``, the deadline in wall-clock seconds set by whoever
built the value, and every process keeps its copy until that same deadline — never longer
than the shared entry, whichever app server built it.

What stays shared: the generation tokens themselves (read from Redis on each request, or a
publish would not reach every server at once) and everything personal or counted.

With a process-local default cache (the local-memory cache of ``vnportal run``) there is
nothing shared to copy: the process's copies are the cache (each gunicorn worker had its own
local-memory cache already; the generation file tells them all of a purge). Strings are then
read without the pickling the local-memory cache does on every read, and no read waits for
its lock. ``near`` is for a shared token of "0" only: a local token of "0" (no file yet) is a
real generation, which the first purge ends for good.

Copies are bounded by size (``MAX_BYTES`` per process, least recently used first out). A
value that is not a string or a number is kept pickled and unpickled on each read, as the
shared cache would do: a caller may change what it gets (a page object) without changing
what the next request reads.
"""

import pickle
import threading
import time

from cachetools import TLRUCache
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache

from . import generations

# Per process: a page's fragments are ~5–60 kB; this keeps the parts of a few thousand pages.
MAX_BYTES = 64 * 1024 * 1024
_MISSING = object()
# Marks what this module stores in the shared cache: an entry written by another version, or
# under the same key by other code, reads as a miss rather than as a wrong deadline.
_TAG = "near:1"
# Kept as they are (immutable); anything else is kept pickled.
_PLAIN = (str, bytes, int, float, bool, type(None))


_SHARED, _LOCAL, _NONE = "shared", "local", "none"


def _mode(cache):
    """Redis (shared: copies in front of it); the local-memory cache (the copies *are* the
    cache: the same process's memory, without a pickle per string read or the cache's lock, and
    bounded by size rather than by 300 entries); the dummy cache (nothing is kept)."""
    if isinstance(cache, DummyCache):
        return _NONE
    return _LOCAL if generations.is_process_local(cache) else _SHARED


def _ours(entry):
    return type(entry) is tuple and len(entry) == 3 and entry[0] == _TAG and isinstance(entry[1], float)


def _deadline_of(key, entry, now):
    return entry[0]


def _size_of(entry):
    value = entry[1]
    return 200 + (len(value) if isinstance(value, (str, bytes)) else 16)


class NearCache:
    def __init__(self, max_bytes=MAX_BYTES, timer=time.time):
        self._timer = timer
        self._copies = TLRUCache(maxsize=max_bytes, ttu=_deadline_of, timer=timer, getsizeof=_size_of)
        self._lock = threading.Lock()

    def _keep(self, key, deadline, value):
        """Keep a copy of ``value`` until ``deadline``; returns what the caller gets."""
        if deadline <= self._timer():
            return value
        stored = value if isinstance(value, _PLAIN) else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        entry = (deadline, stored, stored is not value)
        if _size_of(entry) > self._copies.maxsize:
            return value
        with self._lock:
            self._copies[key] = entry
        return value

    def _copy(self, key):
        with self._lock:
            entry = self._copies.get(key)
        if entry is None:
            return _MISSING
        return pickle.loads(entry[1]) if entry[2] else entry[1]

    def get(self, cache, key, default=None, near=True):
        mode = _mode(cache)
        if mode is not _SHARED:
            value = self._copy(key) if mode is _LOCAL else _MISSING
            return default if value is _MISSING else value
        value = self._copy(key) if near else _MISSING
        if value is not _MISSING:
            return value
        entry = cache.get(key)
        if not _ours(entry):
            return default  # a miss (or Redis down, which reads as a miss)
        return self._keep(key, entry[1], entry[2]) if near else entry[2]

    def get_many(self, cache, keys):
        mode = _mode(cache)
        if mode is _NONE:
            return {}
        found, asked = {}, []
        for key in keys:
            value = self._copy(key)
            if value is _MISSING:
                asked.append(key)
            else:
                found[key] = value
        if asked and mode is _SHARED:
            for key, entry in cache.get_many(asked).items():
                if _ours(entry):
                    found[key] = self._keep(key, entry[1], entry[2])
        return found

    def set(self, cache, key, value, timeout, near=True):
        """Store ``value`` for ``timeout`` seconds (a positive number)."""
        mode = _mode(cache)
        deadline = self._timer() + timeout
        if mode is _LOCAL:
            self._keep(key, deadline, value)
        elif mode is _SHARED:
            cache.set(key, (_TAG, deadline, value), timeout)
            if near:
                self._keep(key, deadline, value)

    def clear(self):
        with self._lock:
            self._copies.clear()


_near = NearCache()


def get(key, default=None, alias="default", near=True):
    """The entry ``key`` of cache ``alias``: the process's copy, else the shared one.
    ``near=False``: the shared one only, and no copy kept (see ``get_or_set``)."""
    return _near.get(caches[alias], key, default, near)


def get_many(keys, alias="default"):
    """``{key: value}`` of those of ``keys`` present, asking the shared cache once for the
    ones this process has no copy of."""
    return _near.get_many(caches[alias], keys)


def set(key, value, timeout, alias="default", near=True):  # noqa: A001 (the cache API's own name)
    """Store an entry that will never change under ``key``: its key must name everything it
    depends on (a generation, the page …), and ``timeout`` bound how long it stays right."""
    _near.set(caches[alias], key, value, timeout, near)


def get_or_set(key, build, timeout, alias="default", near=True):
    """``build()``'s value under ``key``, from a copy or the shared cache when present."""
    value = get(key, _MISSING, alias, near)
    if value is _MISSING:
        value = build()
        set(key, value, timeout, alias, near)
    return value


def cached(kind, token, name, build, timeout, alias="default"):
    """``build()``'s value for ``name`` among the entries of ``kind`` kept under generation
    ``token`` (structure, library, search: generations.py). No process keeps a copy under "0"
    (a shared cache that did not answer: a purge made meanwhile could not be recorded)."""
    return get_or_set(f"vnportal:{kind}:{token}:{name}", build, timeout, alias, near=token != "0")


def clear():
    """Forget this process's copies (tests)."""
    _near.clear()
