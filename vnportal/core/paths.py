"""The URL prefixes that are never a public page: one list for the page cache, the
statistics and the URLconf (deploy/nginx/vnportal.conf keeps its own copy in step).

* ``non_page_prefixes()``: the admin, the APIs, files served by Django, static files and
  uploads. Never counted as a page view, never shared between readers.
* ``never_shared_prefixes()``: those plus the member pages, which are a page view but
  personal to each reader, so never kept in the page cache.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed

ADMIN_PREFIX = "/quan-tri/"  # the Wagtail admin (vnportal/urls.py mounts it here)
DJANGO_ADMIN_PREFIX = "/django-admin/"
MEMBERS_PREFIX = "/thanh-vien/"  # sign-in, sign-up, a member's own pages
NOT_PAGES = (ADMIN_PREFIX, DJANGO_ADMIN_PREFIX, "/api/", "/documents/", "/favicon.ico")
# Hỏi đáp's form (the tracking code it shows) and lookup (a person's request): never shared.
PERSONAL = (MEMBERS_PREFIX, "/hoi-dap/gui/", "/hoi-dap/tra-cuu/")


@functools.cache  # read on every request by the WSGI fast path: built once per process
def non_page_prefixes():
    served = tuple(url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url.startswith("/"))
    return NOT_PAGES + served


@functools.cache
def never_shared_prefixes():
    return non_page_prefixes() + PERSONAL


def is_page_path(path):
    """Could ``path`` be a public page (as opposed to the admin, an API, a file)?"""
    return not path.startswith(non_page_prefixes())


def may_be_shared(path):
    """May a response for ``path`` ever be shared between readers (page cache, nginx)?"""
    return not path.startswith(never_shared_prefixes())


def _forget(setting, **kwargs):
    if setting in ("STATIC_URL", "MEDIA_URL"):
        non_page_prefixes.cache_clear()
        never_shared_prefixes.cache_clear()


setting_changed.connect(_forget, dispatch_uid="vnportal.core.paths")
