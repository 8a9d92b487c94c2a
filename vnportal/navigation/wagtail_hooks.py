"""Navigation in the admin (menu setting, link groups, banners, maintenance notices, the
broken-link report) and on the public site (menu, sidebar banners, maintenance notice,
footer links, the site map's entries), plus its scheduled jobs and demo content."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from vnportal.core import fragments
from vnportal.core.sitemaps import ViewsSitemap
from vnportal.core.text import format_article_datetime

from . import admin_views, boundaries, demo, linkcheck, menu, shown
from .models import Banner, LinkGroup, MaintenanceNotice


class LinkGroupViewSet(SnippetViewSet):
    model = LinkGroup
    icon = "link"
    menu_label = _("Link groups")
    list_display = [
        "title",
        "sort_order",
        BooleanColumn("in_footer", label=_("show in the footer")),
        BooleanColumn("grouped_by_field", label=_("group by field")),
    ]
    search_fields = ["title"]


class TimeColumn(Column):
    def get_value(self, instance):
        return format_article_datetime(getattr(instance, self.name)) or "—"


class BannerViewSet(SnippetViewSet):
    model = Banner
    icon = "image"
    menu_label = _("Banners")
    list_display = [
        "title",
        TimeColumn("shown_from", label=_("shown from")),
        TimeColumn("shown_until", label=_("shown until")),
        "sort_order",
    ]
    search_fields = ["title", "alt_text"]


class MaintenanceNoticeViewSet(SnippetViewSet):
    model = MaintenanceNotice
    icon = "warning"
    menu_label = _("Maintenance notices")
    list_display = [
        "message",
        TimeColumn("shown_from", label=_("shown from")),
        TimeColumn("downtime_starts", label=_("downtime starts")),
        TimeColumn("restore_at", label=_("expected restore")),
    ]


class NavigationGroup(SnippetViewSetGroup):
    items = (LinkGroupViewSet, BannerViewSet, MaintenanceNoticeViewSet)
    menu_icon = "link"
    menu_label = _("Links and banners")
    menu_name = "navigation"
    menu_order = 310


register_snippet(NavigationGroup)


@hooks.register("register_admin_urls")
def navigation_admin_urls():
    return [path("lien-ket-hong/", admin_views.broken_links, name="vnportal_navigation_broken_links")]


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("navigation.change_linkgroup")


@hooks.register("register_reports_menu_item")
def broken_links_menu_item():
    url = reverse("vnportal_navigation_broken_links")
    return BrokenLinksMenuItem(_("Broken links"), url, icon_name="warning", order=900)


# --- the public site --------------------------------------------------------------------


@hooks.register("vnportal_main_menu")
def configured_menu(request, current_page):
    return menu.items_for_request(request, current_page)


@hooks.register("vnportal_sidebar_blocks", order=30)
def banners_block(context):
    banners = shown.banners()
    if not banners:
        return ""
    # Which banners are shown is decided to the second on each request (their schedules draw
    # no purge); the drawn block is kept per that set, which only an edit (a purge) changes.
    name = "banners-block:" + ",".join(banner["src"] for banner in banners)
    return fragments.cached(
        context.get("request"),
        name,
        lambda: render_to_string("navigation/banners_block.html", {"banners": banners}),
    )


@hooks.register("vnportal_site_notices")
def maintenance_notice(context):
    notices = shown.notices()
    if not notices:
        return ""
    return render_to_string("navigation/maintenance_notice.html", {"notices": notices})


@hooks.register("vnportal_footer_blocks")
def footer_links(context):
    request = context.get("request")
    all_url = reverse("links")
    groups = shown.groups(in_footer=True)
    if not groups or (request is not None and request.path == all_url):  # the links page lists them all
        return ""
    return render_to_string("navigation/footer_links.html", {"groups": groups, "all_url": all_url})


@hooks.register("vnportal_site_map_entries")
def site_map_itself(request):
    """The machine-readable site map sits beside the one for people; the links page too."""
    return [
        {"title": _("Links"), "url": reverse("links"), "order": 80},
        {"title": _("XML site map (for search engines)"), "url": reverse("sitemap"), "order": 95},
    ]


@hooks.register("vnportal_main_menu_items", order=20)
def site_map_menu_item():
    return _("Site map"), "site_map"


@hooks.register("vnportal_purge_paths")
def site_map_purge_paths(page, ancestor_paths):
    """Sơ đồ cổng lists the sections: any change of a page may change it."""
    return [reverse("site_map")]


@hooks.register("vnportal_scheduled_jobs")
def navigation_jobs():
    return [
        ("navigation_time_boundaries", boundaries.INTERVAL, boundaries.purge_at_boundaries),
        ("navigation_link_check", 3600, linkcheck.scheduled_check),
    ]


@hooks.register("vnportal_demo_content", order=60)
def demo_links(stdout):
    demo.build(stdout)


@hooks.register("vnportal_sitemaps")
def navigation_in_sitemap():
    return {"dieu-huong": ViewsSitemap("links", "site_map")}
