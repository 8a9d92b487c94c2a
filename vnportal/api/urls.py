"""/api/v1/: the open-data API (see __init__.py and docs/open-data.md)."""

from django.urls import path, re_path

from . import views
from .resources import RESOURCES

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi_json, name="openapi"),
]
for resource in RESOURCES:
    urlpatterns += [
        path(f"{resource.name}/", views.list_view(resource), name=resource.name),
        path(f"{resource.name}/<int:pk>/", views.detail_view(resource), name=f"{resource.name}_detail"),
    ]
# Anything else under /api/v1/ is a JSON 404, not the portal's HTML page.
urlpatterns.append(re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"))
