"""The site of a request and its tree of sections, read from the structure cache.

Every page needs the same few things before it shows its own content: which site
answered, the home page, the sections (for routing, the menu, the sidebar and the
breadcrumbs) and which parts of the tree are private. Read from the database they
cost about ten queries per page; here they cost none while the cache is warm.

Only the pages that may hold other pages (home, sections) are kept, as full
specific instances, live or not. Articles, which are many and change often and
hold nothing, stay in the database.
"""

import functools
import hashlib

from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from . import structure

_NO_SITE = "-"


def holds_pages(model):
    """Whether pages of this class may have children (then they are part of the tree)."""
    return model is not Page and bool(model.allowed_subpage_models())


@functools.cache
def tree_models():
    return tuple(model for model in get_page_models() if holds_pages(model))


# --- The site of a request --------------------------------------------------------------


def site_for_request(request):
    """Wagtail's site for the request's host, with the specific home page as its root page."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    name = "site:" + hashlib.sha1(f"{hostname}:{port}".encode()).hexdigest()

    def build():
        site = Site._find_for_request(request)  # Wagtail's own matching rules
        if site is None:
            return _NO_SITE
        # Routing starts from root_page.specific: keep the specific page, so it is free.
        site.root_page = site.root_page.specific
        return site

    site = structure.cached(name, build)
    return None if site == _NO_SITE else site


class CachedSiteMiddleware:
    """Sets ``request._wagtail_site`` (what ``Site.find_for_request`` returns) from the cache.

    Placed before anything that asks for the site (statistics, Wagtail's page view).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)


# --- Private parts and aliases (all sites) ------------------------------------------------
#
# The one rule of "is this page public": a page is private when it or one of its ancestors
# carries a Wagtail view restriction (password, groups, login). ``is_public`` reads it from
# the database (the search index, the beacon); ``Access`` is the same rule over the
# structure cache (menus, the sidebar, routing).


def ancestor_paths(path):
    """The tree paths of a page and of each of its ancestors, root first."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def is_public(page):
    """Does no view restriction apply to ``page`` (itself or an ancestor)? One query."""
    return not PageViewRestriction.objects.filter(page__path__in=ancestor_paths(page.path)).exists()


class Access:
    """Where view restrictions start, and which tree pages are aliases of others."""

    def __init__(self, restricted, alias_paths):
        self.restricted = restricted  # {path of a restricted page: [its page id]}
        self.alias_paths = alias_paths

    def private_paths(self):
        return list(self.restricted)

    def is_private(self, path):
        return any(prefix in self.restricted for prefix in ancestor_paths(path))


def access():
    def build():
        restricted = {}
        for page_id, path in PageViewRestriction.objects.values_list("page_id", "page__path"):
            restricted.setdefault(path, []).append(page_id)
        models = tree_models()
        alias_paths = (
            set(Page.objects.filter(alias_of__isnull=False).type(*models).values_list("path", flat=True))
            if models
            else set()
        )
        return Access(restricted, alias_paths)

    return structure.cached("access", build)


def view_restrictions(page):
    """The restrictions that apply to ``page`` (itself and its ancestors), or None when unsure.

    None sends the caller to Wagtail's own lookup: for aliases, whose restrictions are
    those of the page they copy.
    """
    if page.alias_of_id is not None:
        return None
    info = access()
    prefixes = ancestor_paths(page.path)
    if any(prefix in info.alias_paths for prefix in prefixes):
        return None
    page_ids = [pk for prefix in prefixes for pk in info.restricted.get(prefix, ())]
    if not page_ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(page_id__in=page_ids)


# --- The tree of one site ---------------------------------------------------------------------


class SiteTree:
    def __init__(self, root, pages, access):
        self.root = root
        self.pages = pages  # specific instances, sorted by path
        self.by_path = {page.path: page for page in pages}
        self.access = access  # read with the tree: one cache read serves both

    def contains(self, page):
        return bool(page.path) and page.path in self.by_path

    def has_live_path(self, path):
        """Is ``path`` ("/gioi-thieu/") a live page of this site's tree? An app's menu link found
        in the tree of one portal is not another portal's (sub-portals)."""
        url_path = self.root.url_path + path.lstrip("/")
        return any(page.url_path == url_path and page.live for page in self.pages)

    def child(self, parent, slug):
        for page in self.children(parent, live=False, public=False):
            if page.slug == slug:
                return page
        return None

    def children(self, parent, live=True, public=True, in_menu=False):
        depth = parent.depth + 1
        return [
            page
            for page in self.pages
            if page.depth == depth
            and page.path.startswith(parent.path)
            and (not live or page.live)
            and (not in_menu or page.show_in_menus)
            and not (public and self.access.is_private(page.path))
        ]

    def ancestors(self, page, min_depth=1):
        """Ancestors of ``page`` from ``min_depth`` down, or None if one is not in the tree."""
        if not page.path:  # a page not in the tree yet (the preview of a new page)
            return None
        found = []
        for end in range(min_depth * Page.steplen, len(page.path), Page.steplen):
            ancestor = self.by_path.get(page.path[:end])
            if ancestor is None:
                return None
            found.append(ancestor)
        return found


def tree_for_site(site):
    def build():
        root = site.root_page
        models = tree_models()
        pages = (
            list(Page.objects.descendant_of(root, inclusive=True).type(*models).order_by("path").specific())
            if models
            else []
        )
        return SiteTree(root, pages, access())

    return structure.cached(f"tree:{site.pk}", build)


def tree_for_request(request):
    """The request's site tree, read once per request; None without a site."""
    if request is None:
        return None
    if not hasattr(request, "_vnportal_site_tree"):
        site = Site.find_for_request(request)
        request._vnportal_site_tree = tree_for_site(site) if site is not None else None
    return request._vnportal_site_tree
