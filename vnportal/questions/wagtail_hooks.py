from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from vnportal.core.sitemaps import ViewsSitemap

from . import admin_views, jobs, permissions
from .demo import build
from .models import Holiday, QuestionField
from .sitemaps import AnswerSitemap

admin_urlpatterns = [
    path("", admin_views.inbox, name="inbox"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/tep/", admin_views.attachment, name="attachment"),
    path("<int:pk>/<slug:action>/", admin_views.act, name="act"),
    path("du-lieu-ca-nhan/", admin_views.person, name="person"),
]


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("hoi-dap/", include((admin_urlpatterns, "questions_admin"), namespace="questions_admin"))]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_use_inbox(request.user)


@hooks.register("register_admin_menu_item")
def inbox_menu_item():
    return InboxMenuItem(_("Questions and answers"), reverse("questions_admin:inbox"), icon_name="help", order=260)


class QuestionFieldViewSet(SnippetViewSet):
    model = QuestionField
    icon = "folder-open-inverse"
    list_display = ["name", "sort_order"]
    add_to_admin_menu = False


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    list_display = ["date", "name"]
    add_to_admin_menu = False


register_snippet(QuestionFieldViewSet)
register_snippet(HolidayViewSet)


@hooks.register("vnportal_public_holidays")
def admin_holidays():
    """The holidays edited in the admin (Snippets → public holidays), for core/workdays.py."""
    return Holiday.objects.values_list("date", flat=True)


@hooks.register("vnportal_scheduled_jobs")
def question_jobs():
    return [("questions_send_mail", 30, jobs.send_mail), ("questions_daily", 3600, jobs.daily)]


@hooks.register("vnportal_demo_content", order=60)
def demo_questions(stdout):
    build(stdout)


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [
        {
            "title": _("Questions and answers"),
            "url": reverse("questions:index"),
            "order": 40,
            "children": [
                {"title": _("Send a question or report"), "url": reverse("questions:submit")},
                {"title": _("Track a request"), "url": reverse("questions:lookup")},
            ],
        }
    ]


@hooks.register("vnportal_sitemaps")
def answers_in_sitemap():
    return {"hoi-dap": AnswerSitemap, "hoi-dap-trang": ViewsSitemap("questions:index", "questions:submit")}


@hooks.register("vnportal_main_menu_items", order=17)
def questions_menu_item():
    return gettext("Questions and answers"), "questions:index"
