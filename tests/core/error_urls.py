"""The portal's URLs plus two views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from vnportal.urls import handler400, handler403  # noqa: F401
from vnportal.urls import urlpatterns as portal_urls


def forbidden(request):
    raise PermissionDenied("staff only")


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("loi/403/", forbidden), path("loi/500/", broken), *portal_urls]
