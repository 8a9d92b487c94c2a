"""The news app's own public pages outside the page tree: the tag pages (từ khóa).

No namespace: templates and the purge hook know them as ``news_tag``."""

from django.urls import path

from vnportal.core.pagecache import shared_cache

from . import views

urlpatterns = [
    path("the/<str:slug>/", shared_cache(views.tag_page), name="news_tag"),
]
