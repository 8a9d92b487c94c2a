from django.shortcuts import render

from . import shown, sitemap


def site_map(request):
    """Sơ đồ cổng (/so-do-cong/): the sections and every other public part of the portal."""
    context = {"tree": sitemap.page_tree(request), "entries": sitemap.entries(request)}
    return render(request, "navigation/site_map.html", context)


def links(request):
    """Liên kết (/lien-ket/): every link group, public services listed by field."""
    return render(request, "navigation/links.html", {"groups": shown.groups()})
