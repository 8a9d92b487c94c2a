from django.contrib import messages
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.signals import task_approved

from vnportal.core import fragments, sitetree
from vnportal.core.purge import PurgeOnly
from vnportal.core.requestlocal import current_request

from .demo import build
from .demo.subportal import build as build_subportal
from .editorial import may_see_report, report_view
from .models import ArticlePage, HomePage, SectionPage, live_articles, tree_children
from .queries import prefetch_cards
from .roles import EDITOR, REPORTER, section_group


@hooks.register("vnportal_demo_content", order=0)
def demo_news(stdout):
    build(stdout)


@hooks.register("vnportal_demo_content", order=80)
def demo_subportal(stdout):
    """After the province's content and polls: the sub-portal An Bình, and Tin cơ sở."""
    build_subportal(stdout)


@hooks.register("vnportal_scheduled_jobs")
def publishing_jobs():
    """Go-live and expiry without cron: Wagtail's own command, run by the scheduler."""
    return [("publish_scheduled", 60, lambda: call_command("publish_scheduled"))]


@hooks.register("vnportal_sidebar_blocks", order=90)
def sections_block(context):
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return ""
    tree = sitetree.tree_for_request(request)
    if tree is None:
        return ""

    def render():
        sections = [s for s in tree_children(request, tree.root) if isinstance(s, SectionPage)]
        return render_to_string("news/sections_block.html", {"sections": sections, "page": page, "request": request})

    # The same on every page of the host until the structure changes (a purge: a new generation).
    return fragments.cached(request, "sections-block", render)


@hooks.register("vnportal_demo_content", order=10)
def demo_section_groups(stdout):
    """One reporter group and one editor group per top section (no users: the agency adds them)."""
    site = Site.objects.get(is_default_site=True)
    for section in SectionPage.objects.child_of(site.root_page):
        for role in (REPORTER, EDITOR):
            section_group(role, section)


@hooks.register("vnportal_purge_paths")
def news_purge_paths(page, ancestor_paths):
    """Where else a changed page shows: its home page's and sections' feeds and its tags' pages
    (vnportal.core.purge.page_paths; the site map purges itself: vnportal.navigation)."""
    # Feeds are polled by programs, not waited for by readers: a publish purges them from nginx
    # rather than rendering nine of them anew (core/purge.py PurgeOnly); the next poll renders.
    paths = [PurgeOnly(path + feed) for path in ancestor_paths for feed in ("rss/", "atom/", "json/")]
    specific = page.specific
    if isinstance(specific, ArticlePage):
        parts = specific.get_url_parts()
        if parts:
            # The saved PDF (Lưu bài) shows the same text; costly to render, seldom read: a publish
            # purges it from nginx rather than rendering it anew (core/purge.py).
            paths.append(PurgeOnly(parts[2] + "luu-bai/"))
    for tag in specific.tags.all() if hasattr(specific, "tags") else ():
        try:
            paths.append(reverse("news_tag", args=[tag.slug]))
        except NoReverseMatch:
            continue
    return paths


@hooks.register("vnportal_site_map_entries")
def site_map_feeds(request):
    """RSS: the whole portal's feed and one per top section."""
    tree = sitetree.tree_for_request(request)
    if tree is None:
        return []
    home_url = tree.root.get_url(request=request)
    children = [
        {"title": section.title, "url": section.get_url(request=request) + "rss/"}
        for section in tree.children(tree.root)
        if isinstance(section, SectionPage)
    ]
    return [{"title": _("RSS feeds"), "url": home_url + "rss/", "order": 90, "children": children}]


@hooks.register("vnportal_search_result_images")
def search_result_images(entries):
    """Hero images of the articles on a page of search results: one query, and one for their renditions."""
    ids = [entry.object_id for entry in entries if entry.kind == "article"]
    if not ids:
        return {}
    articles = list(live_articles().filter(pk__in=ids).exclude(hero_image=None).only("pk", "hero_image"))
    prefetch_cards(articles)
    return {("article", article.pk): article.hero_image for article in articles}


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
    return [path("bao-cao/bien-tap/", report_view, name="vnportal_editorial_report")]


class EditorialReportMenuItem(MenuItem):
    def is_shown(self, request):
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
