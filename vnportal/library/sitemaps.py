"""The library in sitemap.xml (through the vnportal_sitemaps hook: library/wagtail_hooks.py): its
list and every published document of the province's portal — a document is what people search
the web for by its number, and had no entry before. A sub-portal's documents are left out: the
apps' entries are listed on the default site's sitemap, at its address (core/sitemaps.py)."""

from django.urls import reverse

from vnportal.core.sitemaps import PublicSitemap

from .models import Document, default_site_id


class LibrarySitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        documents = Document.objects.filter(is_public=True, site_id=default_site_id())
        return [None, *documents.only("pk", "updated_at").order_by("pk")]

    def location(self, document):
        return reverse("library:index") if document is None else document.get_absolute_url()

    def lastmod(self, document):
        return None if document is None else document.updated_at
