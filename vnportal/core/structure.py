"""A cache for what changes only when editors change the site's structure.

The site of a request, its home and sections, where the private parts are and the
agency settings are read on every page but change a few times a day. They are kept
in the Django cache under a *generation* token; every change of structure
(``bump()``, wired to the signals in ``vnportal.core.invalidation``) draws a new
token, so every entry made before it is never read again and simply expires.

Where the token lives decides who sees a change at once. A shared cache (Redis)
holds it for every app server. A process-local cache (the local-memory cache of
``vnportal run``, with several gunicorn workers and the scheduler process) cannot:
a publish in one process would not reach the others. There the token is a small
file in the data directory, which every process on the machine reads.
"""

import os
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

TOKEN_KEY = "vnportal:structure:generation"
# Entries are never stale once the token has moved on; the timeout only frees memory.
TTL = 24 * 3600
_MISSING = object()


def _cache():
    return caches["default"]


def _process_local():
    return isinstance(_cache(), (LocMemCache, DummyCache))


def _token_file():
    return settings.DATA_DIR / "structure-generation"


def _new_token():
    return secrets.token_hex(8)


def _write_token_file(token):
    path = _token_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(token)
    os.replace(tmp, path)  # atomic: a reader sees the old token or the new one


def generation():
    """The current token (created on first use)."""
    if _process_local():
        try:
            return _token_file().read_text()
        except FileNotFoundError:
            token = _new_token()
            _write_token_file(token)
            return token
    token = _cache().get(TOKEN_KEY)
    if token is None:
        _cache().add(TOKEN_KEY, _new_token(), None)
        token = _cache().get(TOKEN_KEY)
    return token


def bump_now():
    """Forget every entry now, outside any transaction (tests, operators)."""
    token = _new_token()
    if _process_local():
        _write_token_file(token)
    else:
        _cache().set(TOKEN_KEY, token, None)


def bump():
    """Forget every cached structure entry.

    Bumped at once, so the rest of this transaction (and this request) reads the
    change; and again after commit, because a reader in another connection may have
    rebuilt an entry from the not-yet-committed database in between.
    """
    bump_now()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # Once per transaction is enough, however many pages it saves.
    if not any(entry[1] is bump_now for entry in connection.run_on_commit):
        transaction.on_commit(bump_now)


def cached(name, build):
    """``build()``'s value for the current generation, from the cache when present.

    Values go through pickle (also in the local-memory cache), so each caller gets
    its own copy and may change it freely.
    """
    key = f"vnportal:structure:{generation()}:{name}"
    value = _cache().get(key, _MISSING)
    if value is _MISSING:
        value = build()
        _cache().set(key, value, TTL)
    return value
