from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("vnportal_site_map_entries")
def site_map_itself(request):
    """The machine-readable site map sits beside the one for people."""
    return [{"title": _("XML site map (for search engines)"), "url": reverse("sitemap"), "order": 95}]
