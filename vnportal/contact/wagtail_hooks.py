from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from vnportal.core.sitemaps import ViewsSitemap

from . import admin_views, anonymise, demo
from .access import may_use_inbox

admin_urlpatterns = [
    path("", admin_views.inbox, name="inbox"),
    path("ca-nhan/", admin_views.person, name="person"),
    path("<int:message_id>/", admin_views.detail, name="detail"),
]


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("lien-he/", include((admin_urlpatterns, "contact_admin"), namespace="contact_admin"))]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_inbox(request.user)


@hooks.register("register_admin_menu_item")
def inbox_menu_item():
    return InboxMenuItem(_("Contact messages"), reverse("contact_admin:inbox"), icon_name="mail", order=260)


@hooks.register("vnportal_scheduled_jobs")
def contact_jobs():
    return [("contact_anonymise", 3600, anonymise.anonymise)]


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [{"title": _("Contact"), "url": reverse("contact:form"), "order": 80}]


@hooks.register("vnportal_demo_content", order=60)
def demo_contact(stdout):
    demo.build(stdout)


@hooks.register("vnportal_main_menu_items", order=21)
def contact_menu_item():
    # Last, after Sơ đồ cổng (20), where readers look for it.
    return gettext("Contact"), "contact:form"


@hooks.register("vnportal_sitemaps")
def contact_in_sitemap():
    return {"lien-he": ViewsSitemap("contact:form")}
