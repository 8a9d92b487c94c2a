from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from vnportal.core import fragments, languages

from . import capture, conf, dashboard, jobs, queries


@hooks.register("before_serve_page")
def remember_page(page, request, serve_args, serve_kwargs):
    """The middleware counts after the response; tell it which page this was."""
    request._stats_page_id = page.pk


@hooks.register("vnportal_sidebar_blocks", order=20)
@languages.multilingual  # i18n: labels only, from the catalogs: shown on English pages too
def stats_block(context):
    request = context.get("request")
    if request is None or not conf.enabled():
        return ""
    site_id = capture.site_id_for(request)

    def render():
        data = queries.summary(site_id)
        return render_to_string("stats/stats_block.html", {"stats": data, "request": request})

    # The figures are themselves kept SUMMARY_TTL seconds (queries.summary), and stats.js
    # refreshes them in the reader's browser: the drawn block may be kept as long.
    return fragments.cached(request, "stats-block", render, timeout=queries.SUMMARY_TTL)


@hooks.register("vnportal_most_read")
def most_read_articles(request, home):
    """The home page's "Đọc nhiều nhất" list, from the same counts as "Lượt xem" (cached)."""
    if not conf.enabled():
        return []
    articles = []
    for article, views in queries.most_read(capture.site_id_for(request)):
        article.views = views
        articles.append(article)
    return articles


@hooks.register("vnportal_scheduled_jobs")
def stats_jobs():
    return [("stats_flush", conf.flush_interval(), jobs.flush), ("stats_maintenance", 3600, jobs.maintenance)]


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("thong-ke/", include((dashboard.urlpatterns, "stats_admin"), namespace="stats_admin"))]


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("stats.view_statistics")


@hooks.register("register_admin_menu_item")
def stats_menu_item():
    return StatsMenuItem(_("Statistics"), reverse("stats_admin:dashboard"), icon_name="view", order=850)


@hooks.register("register_permissions")
def stats_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="stats", codename="view_statistics")
