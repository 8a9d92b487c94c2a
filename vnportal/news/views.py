from django.shortcuts import get_object_or_404, render
from taggit.models import Tag
from wagtail.models import Page, Site

from .models import ArticlePage, live_articles
from .queries import paginate


def site_map(request):
    """Sơ đồ cổng: the site's sections as a nested list (articles are left to the section pages)."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else Page.objects.get(depth=2).specific
    pages = (
        Page.objects.descendant_of(root)
        .live()
        .public()
        .not_type(ArticlePage)
        .order_by("path")
        .only("id", "title", "url_path", "depth", "path")
    )
    nodes = {root.path: {"page": root, "children": []}}
    for page in pages:  # paths sort parents before their children
        node = {"page": page, "children": []}
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is not None:
            parent["children"].append(node)
            nodes[page.path] = node
    return render(request, "news/site_map.html", {"tree": nodes[root.path]})


def tag_page(request, slug):
    """Thẻ: every live article carrying one tag, newest first, paginated like a section."""
    tag = get_object_or_404(Tag, slug=slug)
    articles = live_articles().filter(tagged_items__tag=tag).distinct()
    page_obj = paginate(request, articles, 12)
    return render(request, "news/tag_page.html", {"tag": tag, "page_obj": page_obj})
