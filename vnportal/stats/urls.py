from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("hit", views.hit, name="hit"),
    # The same view, for the beacons nginx passes on (deploy/nginx/vnportal-beacon.conf).
    path("hit/app", views.hit, name="hit_app"),
    path("hit.gif", views.hit_pixel, name="hit_pixel"),
]
