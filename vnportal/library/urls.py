from django.urls import path

from vnportal.core.pagecache import shared_cache, shared_render

from . import views

app_name = "library"
urlpatterns = [
    path("", shared_cache(views.index), name="index"),
    # Counted on each view (Document.view_count): rendered as shared, never kept by a shared cache.
    path("<int:pk>/", shared_render(views.detail), name="detail"),
    path("<int:pk>/luu-bai/", views.pdf_view, name="pdf"),
    path("tep/<int:pk>/", views.download, name="download"),
]
