"""The news app's own public pages outside the page tree: Sơ đồ cổng and the tag pages.

No namespace: templates and the purge hook know them as ``site_map`` and ``news_tag``."""

from django.urls import path

from vnportal.core.pagecache import shared_cache

from . import views

urlpatterns = [
    path("so-do-cong/", shared_cache(views.site_map), name="site_map"),
    path("the/<str:slug>/", shared_cache(views.tag_page), name="news_tag"),
]
