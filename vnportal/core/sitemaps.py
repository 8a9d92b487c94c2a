"""sitemap.xml: Wagtail's pages, plus the public views that are not pages.

An app adds its own with ``@hooks.register("vnportal_sitemaps")``: a function ``() -> {name:
django.contrib.sitemaps.Sitemap class or instance}`` whose URLs are absolute at the public
address (VNPORTAL_PUBLIC_URL). The schedule uses it for its weeks and leaders.

Per host: Wagtail lists the pages of the request's site only, at that site's address; the
apps' entries (the province's schedule, answers …) are listed on the default site's alone,
so a sub-portal's sitemap.xml names no URL of another host.

Languages: the site's pages in every language (the English home is a sibling of the Vietnamese
one, not below it, so Wagtail's own sitemap would leave English out), and a page that has
translations lists them as ``xhtml:link rel="alternate" hreflang`` (the same as its <head>,
core/languages.py)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from wagtail import hooks
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site

from . import languages, public


class PageSitemap(WagtailSitemap):
    """Wagtail's page sitemap, over the site's home in every language, with hreflang alternates."""

    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        below = Q()
        for path in homes.values_list("path", flat=True):
            below |= Q(path__startswith=path)
        return Page.objects.filter(below).live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        pages = {}
        for item in self.paginator.page(page).object_list:
            pages[item.get_full_url(self.request)] = item
        for url_info in urls:
            item = pages.get(url_info.get("location"))
            if item is not None and "alternates" not in url_info:
                url_info["alternates"] = [
                    {"lang_code": code, "location": url} for code, url in languages.alternates(item, self.request)
                ]
        return urls


class PublicSitemap(Sitemap):
    """An app's entries, at the public address (core/public.py) like every link that leaves the
    page, never at the Host of the request that happens to ask for sitemap.xml."""

    def get_protocol(self, protocol=None):
        return public.base_url().split("://", 1)[0]

    def get_domain(self, site=None):
        return public.netloc()


class ViewsSitemap(PublicSitemap):
    """Public views that are not pages, by URL name: a list, a form a reader may look for (the
    contact form, the site map). ``ViewsSitemap("contact:form")``."""

    changefreq = "monthly"

    def __init__(self, *names):
        self.names = names

    def items(self):
        return list(self.names)

    def location(self, name):
        return reverse(name)


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
