"""A cache for what changes only when editors change the site's structure.

The site of a request, its home and sections, where the private parts are and the
agency settings are read on every page but change a few times a day. They are kept
in the Django cache under a *generation* token; every change of structure
(``bump()``, wired to the signals in ``vnportal.core.invalidation``) draws a new
token, so every entry made before it is never read again and simply expires.

The token lives where every process and server sees it (Redis, or a file of the data
directory with the local-memory cache): see generations.py. Entries never change under a
token, so each process keeps a copy of those it read (nearcache.py).
"""

import contextlib
import contextvars

from django.db import transaction

from . import generations, nearcache

# Entries are never stale once the token has moved on; the timeout only frees memory.
TTL = 24 * 3600


def _generation():
    return generations.for_cache("structure")


# A request that changes nothing (an anonymous GET: see ``read_once``) reads the token once,
# not on each of the dozen entries a page asks for (a stat() each, or a Redis round trip each
# in production). None: no such request here, read the token every time.
_request_token = contextvars.ContextVar("vnportal_structure_token", default=None)


def generation():
    """The current token."""
    memo = _request_token.get()
    if memo is None:
        return _generation().current()
    if not memo:
        memo.append(_generation().current())
    return memo[0]


@contextlib.contextmanager
def read_once():
    """Within this block, the token is read once (when first needed) and then reused. Only for
    requests that change no structure: a bump inside would not be seen until the block ends."""
    reset = _request_token.set([])
    try:
        yield
    finally:
        _request_token.reset(reset)


def bump_now():
    """Forget every entry now, outside any transaction (tests, operators)."""
    _generation().bump()


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

    Values go through pickle (also in the local-memory cache and the process's own copies:
    nearcache.py), so each caller gets its own copy and may change it freely.
    """
    return nearcache.cached("structure", generation(), name, build, TTL)
