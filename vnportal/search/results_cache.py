"""A cache of search result pages, forgotten the moment the index changes.

Searching costs database work that grows with what matches (counting, ranking) and Python
work that grows with the length of the texts (the highlighted snippets); the same few
queries are asked again and again ("dang bo", a section's name, page 2 of a popular
query). A result page is kept under a key made of everything that decides it — the
portal (or all portals), the normalised query, the page number and the filters — and the
*search generation* (core/generations.py): every write to the index (a publish, an
unpublish, a document saved) draws a new generation, so the next search after a publish
already sees it, in every process and on every app server. Old entries are never read
again and expire on their own.
"""

import hashlib

from django.db import transaction

from vnportal.core import generations, nearcache

# A generation normally ends long before this; the timeout only frees memory.
TTL = 3600
CACHE_ALIAS = "default"


def _generation():
    return generations.for_cache("search", CACHE_ALIAS)


def _bump_now():
    _generation().bump()


def forget_all():
    """Forget every cached result page: now (this request reads its own change) and again after
    the transaction commits (a reader in another connection may have cached a result from the
    not-yet-committed index in between). Once per transaction, however many entries it writes."""
    _bump_now()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(entry[1] is _bump_now for entry in connection.run_on_commit):
        transaction.on_commit(_bump_now)


def key(*parts):
    """A cache key for the given parts (strings, numbers, None) in the current generation: the
    generation read now, and a digest of the parts."""
    raw = "\x1f".join("" if part is None else str(part) for part in parts)
    return _generation().current(), hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()


def get_or_build(cache_key, build):
    """``build()``'s value for ``cache_key`` (from ``key()``), from the cache when present."""
    token, digest = cache_key
    return nearcache.cached("search", token, digest, build, TTL, CACHE_ALIAS)
