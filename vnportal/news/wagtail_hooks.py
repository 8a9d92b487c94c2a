from django.template.loader import render_to_string
from wagtail import hooks

from .models import SectionPage


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
