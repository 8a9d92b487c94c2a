"""The portal's own name on the admin (tab titles, sign-in, dashboard, sidebar), not Wagtail's.

The name is the agency's, from "Thông tin cơ quan" (SiteSettings.agency_name) of the
request's site, so an agency that renames itself sees it everywhere at once;
WAGTAIL_SITE_NAME (env SITE_NAME) is the fallback when no site matches.
"""

from django.conf import settings
from wagtail.models import Site

from .models import SiteSettings


def portal_name(request=None):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        name = SiteSettings.for_site(site).agency_name
        if name:
            return name
    return settings.WAGTAIL_SITE_NAME
