"""Test settings: the suite runs on SQLite by default, or on whatever
DATABASE_URL / REDIS_URL name (CI runs it on PostgreSQL + Redis too)."""

import os
import tempfile

# Tests never touch the user's real data directory.
os.environ.setdefault("VNPORTAL_DATA_DIR", tempfile.mkdtemp(prefix="vnportal-test-"))
# The address Django's test client sends (Host: testserver), so links and the default Site agree with it.
os.environ.setdefault("VNPORTAL_PUBLIC_URL", "http://testserver")

from .base import *  # noqa: E402,F401,F403
from .base import CACHES, DATA_DIR, DATABASES, env_int  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = DATA_DIR / "media"
# Each test run gets its own cache namespace so parallel runs on one Redis do not meet.
CACHES["default"]["KEY_PREFIX"] = f"vnportal-test-{os.getpid()}"
CACHES["pages"]["KEY_PREFIX"] = f"vnportal-test-{os.getpid()}:pages"
# Most tests look at freshly rendered pages and count views at render; the page-cache tests
# switch it on themselves (the ``page_cache`` fixture: tests/core/test_pagecache.py,
# tests/polls/test_shared_pages.py, tests/stats/test_shared_pages.py, tests/browser/test_polls.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
# Likewise the fragment caches: a test's publishes never commit, so no purge would reach them
# (the ``fragment_cache`` fixture switches them on: tests/news/test_cold_path.py).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)
# django-axes refuses authenticate() calls without a request, which Django's test
# client.login() makes; the throttling tests switch it on with settings.AXES_ENABLED.
AXES_ENABLED = False
# A file, not SQLite's shared in-memory database, so tests that vote from many threads
# meet the real locking (WAL, busy timeout, immediate transactions) of production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
# Tests flush the statistics buffer themselves, never from a background thread.
STATS_BACKGROUND_FLUSH = False

# Never reach another host from the test suite, whatever the environment says
# (tests of the link check turn it on against their own 127.0.0.1 server).
LINK_CHECK_ENABLED = False
# Tests flush the ratings queue themselves (in the run's own Redis namespace: KEY_PREFIX above).
RATINGS_BACKGROUND_FLUSH = False
TALLY_BACKGROUND_FLUSH = False
# The tests solve the guard's proof of work in Python (tests/support/guard.py): kept cheap.
GUARD_POW_COST = 50
