"""Members in the scheduler, the header and the site map; the staff two-factor screens in the admin."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vnportal.core import fragments

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


@hooks.register("vnportal_account_links")
def account_links(request):
    def render():
        return render_to_string("accounts/header_links.html", {"request": request, "user": request.user})

    # A page every reader shares is an anonymous reader's (core/fragments.py): the same links on
    # every page of the host; anyone else's are drawn each time.
    return fragments.cached(request, "account-links", render)


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [
        {
            "title": _("Members"),
            "url": reverse("accounts:login"),
            "order": 80,
            "children": [
                {"title": _("Log in"), "url": reverse("accounts:login")},
                {"title": _("Register"), "url": reverse("accounts:register")},
            ],
        }
    ]
