from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/luu-bai/", views.pdf_view, name="pdf"),
    path("tep/<int:pk>/", views.download, name="download"),
]
