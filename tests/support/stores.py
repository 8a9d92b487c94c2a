"""The statistics counter store a test counts into."""

import contextlib

from django.core.cache import cache

from vnportal.stats import conf, visitor
from vnportal.stats.stores import make_store, set_store


@contextlib.contextmanager
def configured_store():
    """The store the settings name (Redis when REDIS_URL is set, else the database store with
    its background flusher off), empty, installed for the block and reset after it.

    Tests whose counting happens in another process (a live server, the ingester) use this
    one: they cannot swap in a store object of their own."""
    name = conf.store_name()
    instance = make_store(name, **({"background": False} if name == "database" else {}))
    instance.reset()
    set_store(instance)
    visitor.forget_salts()
    cache.clear()
    try:
        yield instance
    finally:
        instance.reset()
        set_store(None)
        visitor.forget_salts()
