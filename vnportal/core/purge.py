"""When the public site changes, the caches forget: the page cache (a new generation,
see pagecache.py) and, in production, nginx's microcache (HTTP PURGE of the changed
page's own URLs: the page, its sections, the home page, and what the apps add through
the ``vnportal_purge_paths`` hook — the news app's feeds, tag pages and site map).

Everything waits for the transaction to commit: a purge before it would let the next
reader put the old page straight back into the cache. nginx is told from a short-lived
thread so an editor's "Publish" never waits on it; a failed purge is logged, and the copy
nginx holds expires after PAGE_CACHE_SECONDS anyway.
"""

import logging
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail import hooks
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import files, pagecache, public
from .models import SiteSettings
from .registry import PURGE_ON_SAVE

logger = logging.getLogger("vnportal.cache")

PURGE_TIMEOUT = 2  # seconds per nginx request
# The second round of PURGEs (see send_purges): longer than a rendered page takes to reach nginx.
PURGE_REPEAT_AFTER = 1.0
REFRESH_TIMEOUT = 30  # seconds per nginx refresh (a render) [swr]
REFRESH_HEADER = "X-Vnportal-Refresh"  # [swr]


class PurgeOnly(str):
    """A path a publish PURGEs from nginx rather than refreshing: rendered when someone next asks
    for it, not by the publish. For what readers do not wait for and may cost a lot to render:
    the XML sitemap (every page of the site: ~5 s of CPU at 10,000 articles; search engines read
    it), an article's PDF, the feeds (polled by programs). A refresh rendered each of them after
    every publish, in the workers that serve readers, and the sitemap, under a publish every
    10 s, was never even stored (each render was overtaken by the next purge). A
    ``vnportal_purge_paths`` hook may return some (docs/performance.md, "No cold herd")."""

    __slots__ = ()


def page_paths(page):
    """``(hostname, paths)`` nginx must forget when ``page`` changes. nginx keys pages by host
    and path only and never stores a URL with a query string (?trang=2 …: Debian's purge
    module cannot purge a prefix), so the plain paths are all there is to purge.

    The page, its ancestors (they list it) and the XML sitemap, plus what each
    ``vnportal_purge_paths`` hook adds: a function ``(page, ancestor_paths) -> paths``
    registered by the app that shows the page elsewhere (feeds, tag pages, the site map)."""
    url_parts = page.get_url_parts()
    if url_parts is None:  # not routable (outside every site)
        return None, []
    site_id, _root, page_path = url_parts
    hostname = purge_host(Site.objects.filter(pk=site_id).first())
    ancestor_paths = []
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        parts = ancestor.get_url_parts()
        if parts and parts[0] == site_id:
            ancestor_paths.append(parts[2])
    paths = [page_path, *ancestor_paths]
    for fn in hooks.get_hooks("vnportal_purge_paths"):
        paths += fn(page, ancestor_paths)
    paths.append(PurgeOnly("/sitemap.xml"))
    return hostname, list(dict.fromkeys(paths))


def purge_host(site):
    """The Host nginx keys the site's pages on (``$host``: the name readers type, no port). The
    default site's is the public address (VNPORTAL_PUBLIC_URL), whatever its row says: a purge
    with any other host matches nothing in nginx and, answered 404, looks like success.
    A sub-portal's is its own Site hostname (docs/sub-portals.md): never the default's, never
    ``localhost``."""
    return public.site_host(site)


def purge_urls():
    return [url.rstrip("/") for url in getattr(settings, "PAGE_CACHE_PURGE_URLS", ()) if url]


def send_purges(hostname, paths, bases=None, expected=(), repeat_after=None, method="PURGE"):
    """PURGE each path at each nginx; returns how many requests nginx answered (200: purged,
    404: it held no copy).

    A 404 is not a success when nginx should have held the page (``expected``: the app's own
    cache stored it since the last purge, see ``pagecache.stored_paths``): when no nginx had
    it, the purge most likely went to the wrong key (a Host nginx does not serve), and that
    is logged as a warning, one line per page. ``repeat_after`` seconds later the paths are
    purged once more: a page rendered before the purge but still on its way to nginx when
    the first PURGE arrived would otherwise be stored after it.

    ``method="REFRESH"`` (a soft purge, see ``purge_page``) asks nginx to fetch each page
    anew and replace its copy, serving the old one meanwhile: a GET with ``REFRESH_HEADER``,
    answered with what the app answered. [swr]"""
    bases = bases if bases is not None else purge_urls()
    answered = 0
    purged = set()
    for base in bases:
        for path in paths:
            status = _purge_one(base, hostname, path, method)
            if status in (200, 404):
                answered += 1
            if status == 200:
                purged.add(path)
    for path in sorted(set(expected) - purged if method == "PURGE" else ()):
        logger.warning(
            "nginx held no copy of %s (Host: %s) although the app let it store one: the purge missed it. "
            "Does nginx's server_name match VNPORTAL_PUBLIC_URL?",
            path,
            hostname,
        )
    if repeat_after:
        _in_background(_purge_again, bases, hostname, paths, method, repeat_after)
    return answered


def _purge_again(bases, hostname, paths, method="PURGE", after=0):
    # [swr] A thread of _in_background rather than a Timer: whoever waits for the purges
    # (tests) can wait for this round too; a refresh round takes a while (it renders).
    time.sleep(after)
    for base in bases:
        for path in paths:
            _purge_one(base, hostname, path, method)


def _purge_one(base, hostname, path, method="PURGE"):
    """The HTTP status nginx answered, or None when it could not be reached."""
    headers = {"Host": hostname} if hostname else {}
    timeout = PURGE_TIMEOUT
    if method == "REFRESH":  # [swr] a GET nginx does not look up (deploy/nginx: $vnportal_refresh)
        method, timeout = "GET", REFRESH_TIMEOUT  # it waits for the page to be rendered
        headers[REFRESH_HEADER] = "1"
    request = urllib.request.Request(base + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if method == "GET":
                response.read()  # to the end: the page nginx stores
            return response.status
    except urllib.error.HTTPError as error:
        if error.code != 404:
            logger.warning("nginx refused to purge %s%s: HTTP %s", base, path, error.code)
        return error.code
    except OSError as error:
        logger.warning("Could not purge %s%s: %s", base, path, error)
        return None


def _in_background(function, *args):
    thread = threading.Thread(target=function, args=args, name="vnportal-purge", daemon=True)
    thread.start()
    return thread


def purge_page(page, hard=True):
    """After commit: a new page-cache generation, and nginx forgets the page's URLs.

    [swr] ``hard=False`` (a page published: nothing withdrawn) is a soft purge: the previous
    copies are served while one request renders each anew (pagecache.py), and nginx is sent
    a refresh rather than PURGE, which replaces its copy once the new page is rendered instead
    of deleting it first (deploy/nginx/vnportal.conf); only the ``PurgeOnly`` paths (the sitemap,
    PDFs) are purged, to be rendered when next asked for. An unpublish, move, deletion or
    anything else is hard: the copies go at once, never served stale."""

    def run():
        hostname, paths, expected = "", [], set()
        try:
            if purge_urls():
                hostname, paths = page_paths(page)
                if hard:
                    expected = pagecache.stored_paths(hostname, paths)  # before the new generation
        finally:  # whatever nginx is told, our own cache forgets
            pagecache.purge_all(hard=hard)
        if paths and hard:
            _in_background(send_purges, hostname, paths, None, expected, PURGE_REPEAT_AFTER)
        elif paths:
            refreshed = [path for path in paths if not isinstance(path, PurgeOnly)]
            purged = [path for path in paths if isinstance(path, PurgeOnly)]
            _in_background(send_purges, hostname, refreshed, None, (), PURGE_REPEAT_AFTER, "REFRESH")
            if purged:
                _in_background(send_purges, hostname, purged, None, (), PURGE_REPEAT_AFTER)

    transaction.on_commit(run)


def purge_paths(paths, site=None):
    """After commit: a new page-cache generation, and nginx forgets ``paths`` of the default
    site (the public address), or of ``site`` (a sub-portal: its own host). For public pages
    outside the page tree that an app changes itself, which no page publish would purge: a
    published answer of Hỏi đáp and the list that shows it, the work schedule's pages, feeds
    and the home page's block; and the province's "Tin cơ sở" listings when a sub-portal's
    shared article changes."""

    def run():
        hostname, expected = "", set()
        try:
            if purge_urls():
                hostname = purge_host(site)
                expected = pagecache.stored_paths(hostname, paths)  # before the new generation
        finally:
            pagecache.purge_all()
        if hostname:
            _in_background(send_purges, hostname, list(paths), None, expected, PURGE_REPEAT_AFTER)

    transaction.on_commit(run)


def purge_everything():
    """After commit: a new page-cache generation (nginx's copies expire on their own)."""
    transaction.on_commit(pagecache.purge_all)


def _on_page_change(sender, instance, **kwargs):
    purge_page(instance)


def _on_page_published(sender, instance, **kwargs):
    # [swr] Soft: what was public stays public; see purge_page.
    purge_page(instance, hard=False)


def _on_page_move(sender, instance, **kwargs):
    # The old URLs were purged by nobody yet: the old path is gone, so every copy must go.
    purge_page(instance)
    old_path = kwargs.get("url_path_before")
    if old_path and purge_urls():
        transaction.on_commit(lambda: _purge_old_url(instance, old_path))


def _purge_old_url(page, old_url_path):
    site = page.get_site()
    if site is None:
        return
    root = site.root_page.url_path
    if old_url_path.startswith(root):
        old = "/" + old_url_path[len(root) :]
        _in_background(send_purges, purge_host(site), [old])


def _on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        purge_page(instance)


def _on_model_change(sender, created=False, **kwargs):
    # A site setting's row is created, with its defaults, by the first page that reads it
    # (BaseSiteSetting.for_site): that changes nothing on any page, and purging for it would
    # make that very page's render stale. Editors change settings by saving an existing row.
    if created and issubclass(sender, BaseSiteSetting):
        return
    purge_everything()


def _on_restriction_change(sender, instance, **kwargs):
    """A page (and everything under it) made private or public again: no stored copy may
    outlive that, in our cache or in nginx's."""
    page = instance.page

    def run():
        hostname, paths, expected = "", [], set()
        try:
            if purge_urls():
                hostname, paths = page_paths(page)
                for descendant in page.get_descendants().live().only("id", "path", "url_path", "depth"):
                    parts = descendant.get_url_parts()
                    if parts:
                        paths.append(parts[2])
                expected = pagecache.stored_paths(hostname, paths)  # before the new generation
        finally:  # whatever nginx is told, our own cache forgets
            pagecache.purge_all()
        if paths:
            _in_background(send_purges, hostname, paths, None, expected, PURGE_REPEAT_AFTER)

    transaction.on_commit(run)


def _purge_on_save(model):
    label = model._meta.label
    post_save.connect(_on_model_change, sender=model, dispatch_uid=f"vnportal.purge.save.{label}")
    post_delete.connect(_on_model_change, sender=model, dispatch_uid=f"vnportal.purge.delete.{label}")


def purge_users_of_file(instance):
    """An image or document changed (new file, focal point, title …): every live page that
    shows it is purged here and in nginx; anything else using it (the emblem) purges all."""
    pages, others = [], False
    for source in files.users_of(instance):
        if isinstance(source, Page):
            if source.live:
                pages.append(source)
        else:
            others = True
    if others:
        purge_everything()
    for page in pages:
        purge_page(page)
    return pages


def _on_file_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:  # nothing can show a new file yet
        purge_users_of_file(instance)


def _on_file_deleted(sender, instance, **kwargs):
    # pre_delete: the reference index still says who used it.
    purge_users_of_file(instance)


def connect():
    page_published.connect(_on_page_published, dispatch_uid="vnportal.purge.published")
    page_unpublished.connect(_on_page_change, dispatch_uid="vnportal.purge.unpublished")
    post_page_move.connect(_on_page_move, dispatch_uid="vnportal.purge.moved")
    post_delete.connect(_on_page_delete, dispatch_uid="vnportal.purge.deleted")
    post_save.connect(_on_restriction_change, sender=PageViewRestriction, dispatch_uid="vnportal.purge.restricted")
    post_delete.connect(_on_restriction_change, sender=PageViewRestriction, dispatch_uid="vnportal.purge.unrestricted")
    for model in (get_image_model(), get_document_model()):
        label = model._meta.label
        post_save.connect(_on_file_saved, sender=model, dispatch_uid=f"vnportal.purge.file_saved.{label}")
        pre_delete.connect(_on_file_deleted, sender=model, dispatch_uid=f"vnportal.purge.file_deleted.{label}")
    # Shown on (nearly) every public page outside the page tree: editing one purges all.
    # The content apps add theirs (polls, documents …) in their ready(), after this runs.
    PURGE_ON_SAVE.register(SiteSettings, Site)
    PURGE_ON_SAVE.subscribe(_purge_on_save)
