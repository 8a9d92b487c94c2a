"""Fixtures for the statistics tests: a clock the test moves, and each counter store."""

import os

import pytest

from tests.support.stats import BROWSER_UA
from vnportal.stats import conf, visitor
from vnportal.stats.stores import make_store, set_store


def _stores():
    names = ["database"]
    names.append(
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(
                not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: the Redis store is not tested"
            ),
        )
    )
    return names


@pytest.fixture(params=_stores())
def store(request, db, stats_clock, settings):
    """Each test using it runs once per counter store (the same suite for both)."""
    from django.core.cache import cache

    settings.STATS_STORE = request.param
    instance = make_store(request.param) if request.param == "redis" else make_store("database", background=False)
    instance.reset()
    set_store(instance)
    conf.forget_params()
    visitor.forget_salts()
    cache.clear()
    from vnportal.stats import beacon

    beacon._live_pages.clear()
    yield instance
    instance.reset()
    set_store(None)
    conf.forget_params()
    visitor.forget_salts()
    cache.clear()


@pytest.fixture
def get(client):
    """A GET as a reader: browser user agent and an address unless told otherwise."""

    def do(path, ip="203.0.113.7", ua=BROWSER_UA, **extra):
        meta = {"REMOTE_ADDR": ip}
        if ua is not None:
            meta["HTTP_USER_AGENT"] = ua
        meta.update(extra)
        return client.get(path, **meta)

    return do
