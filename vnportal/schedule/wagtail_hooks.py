from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .demo import build
from .home import home_block
from .sitemaps import ScheduleSitemap


@hooks.register("register_admin_urls")
def schedule_admin_urls():
    return [
        path("lich-cong-tac/", admin_views.week_list, name="schedule_admin_weeks"),
        path("lich-cong-tac/<int:year>/<int:week>/", admin_views.week_edit, name="schedule_admin_week"),
    ]


class ScheduleMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_edit(request.user)


@hooks.register("register_admin_menu_item")
def schedule_menu_item():
    return ScheduleMenuItem(_("Work schedule"), reverse("schedule_admin_weeks"), icon_name="date", order=260)


@hooks.register("register_permissions")
def schedule_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="schedule", codename__in=["change_week"])


@hooks.register("vnportal_home_blocks", order=10)
def this_weeks_schedule(context):
    return home_block(context)


@hooks.register("vnportal_main_menu_items", order=15)
def schedule_menu_link():
    return gettext("Work schedule"), "schedule:index"


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [
        {
            "title": _("Work schedule"),
            "url": reverse("schedule:index"),
            "order": 25,
            "children": [{"title": _("Work schedule (iCalendar)"), "url": reverse("schedule:ical")}],
        }
    ]


@hooks.register("vnportal_sitemaps")
def schedule_sitemaps():
    return {"schedule": ScheduleSitemap}


@hooks.register("vnportal_demo_content", order=40)
def demo_schedule(stdout):
    build(stdout)
