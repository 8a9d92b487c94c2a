from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("lien-he/", views.contact, name="form"),
    path("lien-he/da-gui/", views.sent, name="sent"),
]
