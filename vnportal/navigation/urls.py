from django.urls import path

from vnportal.core.pagecache import shared_cache

from . import views

urlpatterns = [
    path("so-do-cong/", shared_cache(views.site_map), name="site_map"),
    path("lien-ket/", shared_cache(views.links), name="links"),
]
