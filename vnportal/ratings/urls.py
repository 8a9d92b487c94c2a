from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("danh-gia/", views.survey, name="survey"),
    path("danh-gia/y-kien/", views.rate, name="rate"),
]
