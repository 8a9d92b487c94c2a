from django.contrib import messages
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.signals import task_approved

from vnportal.core.requestlocal import current_request

from .models import HomePage, SectionPage
from .roles import EDITOR, REPORTER, section_group


@hooks.register("vnportal_demo_content", order=0)
def demo_news(stdout):
    from .demo import build

    build(stdout)


@hooks.register("vnportal_scheduled_jobs")
def publishing_jobs():
    """Go-live and expiry without cron: Wagtail's own command, run by the scheduler."""
    from django.core.management import call_command

    return [("publish_scheduled", 60, lambda: call_command("publish_scheduled"))]


@hooks.register("vnportal_sidebar_blocks", order=90)
def sections_block(context):
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return ""
    from vnportal.core import sitetree

    from .models import tree_children

    tree = sitetree.tree_for_request(request)
    if tree is None:
        return ""
    sections = [s for s in tree_children(request, tree.root) if isinstance(s, SectionPage)]
    return render_to_string("news/sections_block.html", {"sections": sections, "page": page, "request": request})


@hooks.register("vnportal_demo_content", order=10)
def demo_section_groups(stdout):
    """One reporter group and one editor group per top section (no users: the agency adds them)."""
    from wagtail.models import Site

    from .roles import EDITOR, REPORTER, section_group

    site = Site.objects.get(is_default_site=True)
    for section in SectionPage.objects.child_of(site.root_page):
        for role in (REPORTER, EDITOR):
            section_group(role, section)


@hooks.register("after_create_page")
def new_section_gets_its_groups(request, page):
    """A top section made in the admin gets its reporter and editor groups at once, as
    ``vnportal manage section_role`` would make them (sub-sections are covered by theirs)."""
    if isinstance(page.specific, SectionPage) and isinstance(page.get_parent().specific, HomePage):
        groups = [section_group(role, page).name for role in (REPORTER, EDITOR)]
        messages.info(
            request,
            _("Groups “%(groups)s” were created for this section: add reporters and editors to them in Users.")
            % {"groups": "”, “".join(groups)},
        )


def confirm_approval(sender, instance, user=None, **kwargs):
    """ "Đã phê duyệt …" for whoever approved a review step, from the edit page or the dashboard."""
    request = current_request()
    if request is None or user is None:
        return
    messages.success(
        request,
        _("Approved “%(title)s” (step “%(task)s”).")
        % {"title": instance.revision.object_str if instance.revision_id else "", "task": instance.task.name},
    )


task_approved.connect(confirm_approval, dispatch_uid="vnportal_news_confirm_approval")


@hooks.register("register_admin_urls")
def editorial_report_urls():
    from .editorial import report_view

    return [path("bao-cao/bien-tap/", report_view, name="vnportal_editorial_report")]


class EditorialReportMenuItem(MenuItem):
    def is_shown(self, request):
        from .editorial import may_see_report

        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def editorial_report_menu_item():
    return EditorialReportMenuItem(
        _("Editorial report"),
        reverse("vnportal_editorial_report"),
        name="editorial-report",
        icon_name="doc-full",
        order=50,
    )
