"""Creating a sub-portal: a Wagtail Site with its own home page, settings and workflow.

A province's install serves its own portal (the default site) and any number of district,
commune or department portals, each a Site answering to its own host name with a news home
page of its own as root (docs/sub-portals.md). Used by ``vnportal manage add_subportal``
and by the demo; running it again for the same host changes nothing.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from vnportal.core.models import SiteSettings
from vnportal.core.text import slugify

from .models import HomePage
from .roles import site_workflow

HOSTNAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")


def _free_slug(parent, base):
    slug, number = base, 1
    while parent.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_subportal(hostname, name, port=80, home_title=None):
    """The Site for ``hostname:port`` (created with its home page when missing) and whether it is new."""
    hostname = hostname.strip().lower()
    if not hostname:
        raise ValueError(_("A sub-portal needs a host name."))
    if len(hostname) > 253 or not HOSTNAME.fullmatch(hostname):
        raise ValueError(_("“%(host)s” is not a host name (letters, digits, hyphens and dots).") % {"host": hostname})
    site = Site.objects.filter(hostname=hostname, port=port).first()
    if site is not None:
        return site, False
    root = Page.objects.filter(depth=1).first()
    home = HomePage(
        title=home_title or _("Home"),
        slug=_free_slug(root, slugify(hostname.split(".")[0]) or "cong-thanh-phan"),
        seo_title=name,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name, is_default_site=False)
    settings_row = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
    settings_row.agency_name = name
    settings_row.save()
    site_workflow(site)
    return site, True
