from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("hit", views.hit, name="hit"),
    path("hit.gif", views.hit_pixel, name="hit_pixel"),
]
