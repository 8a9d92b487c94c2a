"""/lich-cong-tac/: stable Vietnamese addresses. A week is ``<ISO year>/<ISO week>/`` (a path, not
a query string, so nginx may store and purge it like any page)."""

from django.urls import path

from vnportal.core.pagecache import shared_cache

from . import views

app_name = "schedule"
urlpatterns = [
    path("", shared_cache(views.index), name="index"),
    path("<int:year>/<int:week>/", shared_cache(views.week), name="week"),
    path("lich.ics", shared_cache(views.ical_all), name="ical"),
    path("lanh-dao/<int:pk>/", shared_cache(views.leader), name="leader"),
    path("lanh-dao/<int:pk>/<int:year>/<int:week>/", shared_cache(views.leader_week), name="leader_week"),
    path("lanh-dao/<int:pk>/lich.ics", shared_cache(views.ical_leader), name="leader_ical"),
]
