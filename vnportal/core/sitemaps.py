"""sitemap.xml: Wagtail's pages, plus the public views that are not pages.

An app adds its own with ``@hooks.register("vnportal_sitemaps")``: a function ``() -> {name:
django.contrib.sitemaps.Sitemap class or instance}`` whose URLs are absolute at the public
address (VNPORTAL_PUBLIC_URL). The schedule uses it for its weeks and leaders.

Per host: Wagtail lists the pages of the request's site only, at that site's address; the
apps' entries (the province's schedule, answers …) are listed on the default site's alone,
so a sub-portal's sitemap.xml names no URL of another host."""

from wagtail import hooks
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site


def sitemaps(request=None):
    found = {"wagtail": PageSitemap}
    site = Site.find_for_request(request) if request is not None else None
    if site is not None and not site.is_default_site:
        return found
    for fn in hooks.get_hooks("vnportal_sitemaps"):
        found.update(fn())
    return found


def sitemap(request, **kwargs):
    return wagtail_sitemap(request, sitemaps=sitemaps(request), **kwargs)
