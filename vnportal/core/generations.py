"""Generation tokens: how every process learns at once that cached entries are stale.

A cache entry is stored with (or under) the token current when it was built; to forget
every entry of a kind, draw a new token. Nothing is deleted: old entries are never read
again and expire on their own.

Where the token lives decides who sees a new one. With a shared cache (Redis) it is a key
in that cache, and every app server reads it. A process-local cache (the local-memory
cache of ``vnportal run``: several gunicorn workers plus the scheduler process) cannot
hold it, or a publish in one process would not reach the others: there the token is the
identity of a small file in the data directory, replaced atomically, which every process
on the machine checks with one ``stat()``.

A bump is *soft* or *hard*. Every bump draws a new token; a hard one also draws a new
*hard token*, kept beside it. A caller that may serve an old entry for a moment while a new
one is built (the page cache's stale-while-revalidate) does so only for an entry stored
under the hard token still current: a soft bump (something new was published) lets the
previous copy be shown a few seconds longer, a hard one (something was withdrawn) never.
Readers read the token first and the hard token second, and a hard bump writes them in
the opposite order, so nobody sees the new token with the old hard token.

Used by the site-structure cache (structure.py) and the page cache (pagecache.py).
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache


def is_process_local(cache):
    return isinstance(cache, (LocMemCache, DummyCache))


def _file_token(path):
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "0"
    return f"{info.st_ino}.{info.st_mtime_ns}.{info.st_size}"


def _replace_file(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(6)}")
    # 0600 like everything in the data directory (vnportal/settings/datadir.py).
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(8))
    os.replace(temporary, path)  # atomic: a reader sees the old file or the new one


class FileGeneration:
    """The token is the file's (inode, modification time, size): a purge replaces the file.
    The hard token is a second file beside it, looked at only when the first has changed
    (one ``stat()`` per request on a hit, two on a miss)."""

    shared_key = None
    hard_key = None

    def __init__(self, path):
        self.path = Path(path)
        self.hard_path = self.path.with_name(f"{self.path.name}-hard")

    def current(self):
        return _file_token(self.path)

    def hard(self):
        return _file_token(self.hard_path)

    def bump(self, hard=True):
        if hard:
            _replace_file(self.hard_path)  # first: see the module's docstring
        _replace_file(self.path)


class SharedGeneration:
    """The token is a key of the shared cache; ``shared_key`` lets a caller fetch it in the
    same round trip as the entry itself (``get_many``)."""

    def __init__(self, cache, key):
        self.cache = cache
        self.shared_key = key
        self.hard_key = f"{key}:hard"

    def current(self):
        token = self.cache.get(self.shared_key)
        if token is None:
            # None drawn since the shared cache started empty (Redis keeps nothing across a
            # restart): draw one now, so entries are kept (and kept per process: nearcache.py)
            # from the first request on. "0" is left for a shared cache that does not answer.
            self.cache.add(self.shared_key, secrets.token_hex(8), timeout=None)
            token = self.cache.get(self.shared_key)
        return token or "0"

    def hard(self):
        return self.cache.get(self.hard_key) or "0"

    def bump(self, hard=True):
        if hard:
            self.cache.set(self.hard_key, secrets.token_hex(8), timeout=None)  # first: see above
        self.cache.set(self.shared_key, secrets.token_hex(8), timeout=None)


def for_cache(name, alias="default"):
    """The generation of ``name`` for the entries kept in cache ``alias``."""
    cache = caches[alias]
    if is_process_local(cache):
        return FileGeneration(Path(settings.DATA_DIR) / f"{name}-generation")
    return SharedGeneration(cache, f"generation:{name}")
