"""The statistics dashboard in the Wagtail admin (permission stats.view_statistics)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path


def _require(request):
    if not request.user.has_perm("stats.view_statistics"):
        raise PermissionDenied


def dashboard(request):
    _require(request)
    return render(request, "stats/dashboard.html", {})


urlpatterns = [path("", dashboard, name="dashboard")]
