from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("vnportal_site_map_entries")
def site_map_itself(request):
    """The machine-readable site map sits beside the one for people."""
    return [{"title": _("XML site map (for search engines)"), "url": reverse("sitemap"), "order": 95}]


@hooks.register("vnportal_main_menu_items", order=20)
def site_map_menu_item():
    return _("Site map"), "site_map"


@hooks.register("vnportal_purge_paths")
def site_map_purge_paths(page, ancestor_paths):
    """Sơ đồ cổng lists the sections: any change of a page may change it."""
    return [reverse("site_map")]
