""" "Tin cơ sở": a sub-portal's article listed on the province's portal too.

The article is one row, on its own site; the province's sections marked ``lists_shared``
list it with a link to its address on the sub-portal's host, whose page carries the
canonical link. When such an article is published, changed or withdrawn, the sub-portal's
host is purged as for any page (vnportal.core.purge), and here the province's host: its
"Tin cơ sở" listings, their feeds and its home page.
"""

from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

from vnportal.core import purge

from .models import ArticlePage, SectionPage


def shared_listing_paths():
    """The paths, on the province's portal, of the sections that list shared articles."""
    default = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if default is None:
        return []
    paths = []
    for section in SectionPage.objects.live().descendant_of(default.root_page).filter(lists_shared=True):
        parts = section.get_url_parts()
        if parts:
            paths += [parts[2], parts[2] + "rss/"]
    return paths


def _on_article_change(sender, instance, **kwargs):
    page = instance.specific if type(instance) is not ArticlePage else instance
    if not isinstance(page, ArticlePage):
        return
    site = page.get_site()
    if site is None or site.is_default_site:
        return
    # Shared now, or perhaps before this change (unticked, withdrawn): the listing may change.
    paths = shared_listing_paths()
    if paths:
        purge.purge_paths(paths)  # the default site: the province's host


def connect():
    page_published.connect(_on_article_change, dispatch_uid="vnportal.news.sharing.published")
    page_unpublished.connect(_on_article_change, dispatch_uid="vnportal.news.sharing.unpublished")
