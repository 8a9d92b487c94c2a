"""What members meet outside their own pages: the sign-in links in the header, the entry in the site map."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("vnportal_account_links")
def account_links(request):
    return render_to_string("accounts/header_links.html", {"request": request, "user": request.user})


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
