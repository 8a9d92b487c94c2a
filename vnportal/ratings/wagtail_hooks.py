from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vnportal.core.sitemaps import ViewsSitemap

from . import admin_views, demo, store


@hooks.register("vnportal_scheduled_jobs")
def ratings_jobs():
    return [("ratings_flush", store.flush_interval(), store.flush)]


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("thong-ke/danh-gia/", include((admin_views.urlpatterns, "ratings_admin"), namespace="ratings_admin"))]


@hooks.register("vnportal_stats_pages")
def stats_page(request):
    if not request.user.has_perm(admin_views.PERMISSION):
        return []
    return [{"title": _("Ratings"), "url": reverse("ratings_admin:dashboard")}]


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [{"title": _("Portal satisfaction survey"), "url": reverse("ratings:survey"), "order": 60}]


@hooks.register("vnportal_demo_content", order=90)
def demo_ratings(stdout):
    demo.build(stdout)


@hooks.register("vnportal_sitemaps")
def survey_in_sitemap():
    return {"danh-gia": ViewsSitemap("ratings:survey")}
