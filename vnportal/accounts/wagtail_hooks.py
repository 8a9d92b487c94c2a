"""Members in the scheduler; the staff two-factor screens in the admin."""

from django.urls import path
from wagtail import hooks

from . import registration, twofactor_views


@hooks.register("vnportal_scheduled_jobs")
def accounts_jobs():
    return [("accounts_cleanup", 3600, registration.remove_unconfirmed)]


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("xac-thuc/", twofactor_views.verify, name="accounts_2fa_verify"),
        path("xac-thuc/thiet-lap/", twofactor_views.enrol, name="accounts_2fa_enrol"),
    ]
