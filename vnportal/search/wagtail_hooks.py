from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .indexer import rebuild


@hooks.register("vnportal_demo_content", order=95)
def index_demo_content(stdout):
    """Pages published before the search app was installed are indexed too (idempotent)."""
    rebuild(stdout)


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [{"title": _("Search"), "url": reverse("search:index"), "order": 40}]
