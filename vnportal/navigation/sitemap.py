"""Sơ đồ cổng: the site's sections (from the cached site tree) and every other public part, as apps declare them.

Navigation is a service: it knows no content type. The page tree comes from ``core.sitetree``; the parts that
are not pages (Văn bản, Bình chọn, Tìm kiếm, feeds …) come from the ``vnportal_site_map_entries`` hook, where
each app returns a list of ``{"title", "url", "order", "children": [{"title", "url"}]}``.
"""

from django.urls import NoReverseMatch
from wagtail import hooks

from vnportal.core import sitetree


def page_tree(request):
    """The home page and the live, public sections under it, nested: {"page", "children"}."""
    tree = sitetree.tree_for_request(request)
    if tree is None:
        return None

    def node(page):
        return {"page": page, "children": [node(child) for child in tree.children(page)]}

    return node(tree.root)


def entries(request):
    """The other public parts, in their declared order; an entry whose URL cannot be built is left out."""
    found = []
    for fn in hooks.get_hooks("vnportal_site_map_entries"):
        try:
            found.extend(fn(request) or [])
        except NoReverseMatch:  # an app's URLs are not mounted on this site
            continue
    return sorted(found, key=lambda entry: (entry.get("order", 50), str(entry["title"])))
