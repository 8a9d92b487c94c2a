"""sitemap.xml entries for the schedule: the current week, every published week and each leader's page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from vnportal.agency.models import Person
from vnportal.core import public

from .models import Week


class ScheduleSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        items = [("index", None)]
        items += [("week", week) for week in Week.objects.published().only("year", "week", "updated_at")[:520]]
        items += [
            ("leader", pk) for pk in Person.objects.filter(is_leader=True, is_active=True).values_list("pk", flat=True)
        ]
        return items

    def location(self, item):
        kind, value = item
        if kind == "index":
            return reverse("schedule:index")
        if kind == "week":
            return value.get_absolute_url()
        return reverse("schedule:leader", args=[value])

    def lastmod(self, item):
        kind, value = item
        return value.updated_at if kind == "week" else None

    def get_urls(self, page=1, site=None, protocol=None):
        # Absolute at the public address (VNPORTAL_PUBLIC_URL), like the pages' entries.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["location"] = public.url(self.location(url["item"]))
        return urls
