from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("", views.index, name="index"),
    path("tep/<int:pk>/", views.download, name="download"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/gui-gop-y/", views.comment, name="comment"),
    path("<slug:slug>/da-gui/", views.thanks, name="thanks"),
]
