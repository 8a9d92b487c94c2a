from django.shortcuts import render
from wagtail.models import Page, Site

from .models import ArticlePage


def site_map(request):
    """Sơ đồ cổng: the site's sections as a nested list (articles are left to the section pages)."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else Page.objects.get(depth=2).specific
    pages = (Page.objects.descendant_of(root).live().public()
             .not_type(ArticlePage).order_by("path").only("id", "title", "url_path", "depth", "path"))
    nodes = {root.path: {"page": root, "children": []}}
    for page in pages:  # paths sort parents before their children
        node = {"page": page, "children": []}
        parent = nodes.get(page.path[: -Page.steplen])
        if parent is not None:
            parent["children"].append(node)
            nodes[page.path] = node
    return render(request, "news/site_map.html", {"tree": nodes[root.path]})
