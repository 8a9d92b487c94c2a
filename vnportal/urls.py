from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from vnportal.core.pagecache import shared_cache
from vnportal.navigation import views as navigation_views
from vnportal.news import views as news_views

urlpatterns = [
    path("quan-tri/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", shared_cache(sitemap), name="sitemap"),
    path("so-do-cong/", shared_cache(navigation_views.site_map), name="site_map"),
    path("", include("vnportal.polls.urls")),
    path("thanh-vien/", include("vnportal.accounts.urls")),
    path("the/<str:slug>/", shared_cache(news_views.tag_page), name="news_tag"),
    path("api/stats/", include("vnportal.stats.urls")),
    path("tim-kiem/", include("vnportal.search.urls")),
    path("van-ban/", include("vnportal.library.urls")),
]

if settings.SERVE_MEDIA:
    # Embedded profile: nobody else serves uploads. Behind nginx this is off.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
