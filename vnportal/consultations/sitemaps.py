"""Góp ý dự thảo in sitemap.xml (through the vnportal_sitemaps hook: consultations/wagtail_hooks.py):
the list and every published draft, open or closed (a closed draft keeps its page and summary)."""

from django.urls import reverse

from vnportal.core.sitemaps import PublicSitemap

from .models import Draft


class DraftSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return [None, *Draft.objects.public().only("slug", "updated_at").order_by("pk")]

    def location(self, draft):
        return reverse("consultations:index") if draft is None else draft.get_absolute_url()

    def lastmod(self, draft):
        return None if draft is None else draft.updated_at
