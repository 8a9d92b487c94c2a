from django.urls import path

from vnportal.core.pagecache import shared_cache

from . import views

app_name = "search"
# Results are the same for every anonymous reader (only public pages are indexed).
urlpatterns = [path("", shared_cache(views.search_view), name="index")]
