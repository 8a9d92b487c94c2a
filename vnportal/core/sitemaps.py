"""sitemap.xml: Wagtail's pages, plus the public views that are not pages.

An app adds its own with ``@hooks.register("vnportal_sitemaps")``: a function ``() -> {name:
django.contrib.sitemaps.Sitemap class or instance}`` whose URLs are absolute at the public
address (VNPORTAL_PUBLIC_URL). The schedule uses it for its weeks and leaders."""

from wagtail import hooks
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap


def sitemaps():
    found = {"wagtail": PageSitemap}
    for fn in hooks.get_hooks("vnportal_sitemaps"):
        found.update(fn())
    return found


def sitemap(request, **kwargs):
    return wagtail_sitemap(request, sitemaps=sitemaps(), **kwargs)
