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


class FileGeneration:
    """The token is the file's (inode, modification time, size): a purge replaces the file."""

    shared_key = None

    def __init__(self, path):
        self.path = Path(path)

    def current(self):
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return "0"
        return f"{info.st_ino}.{info.st_mtime_ns}.{info.st_size}"

    def bump(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.{secrets.token_hex(6)}")
        # 0600 like everything in the data directory (vnportal/settings/datadir.py).
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(8))
        os.replace(temporary, self.path)  # atomic: a reader sees the old file or the new one


class SharedGeneration:
    """The token is a key of the shared cache; ``shared_key`` lets a caller fetch it in the
    same round trip as the entry itself (``get_many``)."""

    def __init__(self, cache, key):
        self.cache = cache
        self.shared_key = key

    def current(self):
        return self.cache.get(self.shared_key) or "0"

    def bump(self):
        self.cache.set(self.shared_key, secrets.token_hex(8), timeout=None)


def for_cache(name, alias="default"):
    """The generation of ``name`` for the entries kept in cache ``alias``."""
    cache = caches[alias]
    if is_process_local(cache):
        return FileGeneration(Path(settings.DATA_DIR) / f"{name}-generation")
    return SharedGeneration(cache, f"generation:{name}")
