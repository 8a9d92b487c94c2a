"""Small values of the document library that cost a scan to compute and change only when a
document does: the years documents were issued in, the size of a listing.

Kept in the cache under the *library generation* (core/generations.py), drawn anew whenever a
document, a document type, an issuer or a field is saved or deleted (signals.py): every
process and app server then stops reading the old values at once.
"""

from django.db import transaction

from vnportal.core import generations, nearcache

TTL = 3600
CACHE_ALIAS = "default"


def _generation():
    return generations.for_cache("library", CACHE_ALIAS)


def _bump_now():
    _generation().bump()


def forget_all():
    """Now, and once more after the transaction commits (see search.results_cache.forget_all)."""
    _bump_now()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(entry[1] is _bump_now for entry in connection.run_on_commit):
        transaction.on_commit(_bump_now)


def cached(name, build):
    """``build()``'s value for ``name`` in the current generation, from the cache when present."""
    return nearcache.cached("library", _generation().current(), name, build, TTL, CACHE_ALIAS)
