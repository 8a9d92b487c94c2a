"""What navigation shows on every page — banners, maintenance notices, the footer's link
groups — read once per structure generation and kept in the cache (core/structure.py).

The snapshot holds every banner and notice that is shown now *or later*; each request
picks those shown at its own moment, so a fresh render is always right to the second.
Cached pages are the other half of "on time": see boundaries.py. Saving any of these
models starts a new structure generation (apps.py), so drawing them costs no query.
"""

import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from vnportal.core import structure, text
from vnportal.core.localtime import localtime

from .models import Banner, LinkGroup, MaintenanceNotice

logger = logging.getLogger(__name__)

BANNER_SPEC = "width-600|format-webp"  # the sidebar is 300 px wide: sharp on a 2× screen


def _banner(banner):
    try:
        rendition = banner.image.get_rendition(BANNER_SPEC)
    except OSError:  # Wagtail's SourceImageIOError too: the file is gone or unreadable; no banner, never a 500
        logger.warning("Banner %s: its image %s cannot be read", banner.pk, banner.image_id)
        return None
    return {
        "alt": banner.alt_text,
        "url": banner.url,
        "src": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "starts": banner.shown_from,
        "ends": banner.shown_until,
    }


def _notice(notice):
    return {
        "message": notice.message,
        "starts": notice.shown_from,
        "ends": notice.restore_at,
        "downtime_starts": notice.downtime_starts,
        "restore_at": notice.restore_at,
    }


def _group(group):
    links = [{"title": link.title, "url": link.url, "field": link.field} for link in group.links.all()]
    by_field = {}
    if group.grouped_by_field:
        for link in links:
            by_field.setdefault(link["field"] or _("Other"), []).append(link)
    return {
        "id": group.pk,
        "title": group.title,
        "in_footer": group.in_footer,
        "links": links,
        "fields": [{"name": name, "links": items} for name, items in by_field.items()],
    }


def _build():
    now = timezone.now()
    banners = Banner.objects.not_over(now).select_related("image")
    notices = MaintenanceNotice.objects.not_over(now)
    groups = LinkGroup.objects.prefetch_related("links")
    return {
        "banners": [shown for shown in (_banner(banner) for banner in banners) if shown],
        "notices": [_notice(notice) for notice in notices],
        "groups": [_group(group) for group in groups],
    }


def snapshot():
    return structure.cached("navigation:shown", _build)


def _is_shown(item, now):
    return item["starts"] <= now and (item["ends"] is None or now < item["ends"])


def banners(now=None):
    now = now or timezone.now()
    return [banner for banner in snapshot()["banners"] if _is_shown(banner, now)]


def notices(now=None):
    now = now or timezone.now()
    found = [notice for notice in snapshot()["notices"] if _is_shown(notice, now)]
    for notice in found:
        notice["restore_text"] = restore_text(notice["restore_at"])
        notice["downtime_text"] = clock_and_date(notice["downtime_starts"])
        notice["under_way"] = notice["downtime_starts"] <= now
    return found


def groups(in_footer=False):
    found = snapshot()["groups"]
    return [group for group in found if group["in_footer"]] if in_footer else found


def clock_and_date(moment):
    """ "22:00 ngày 12/12/2026", in the portal's time zone."""
    local = localtime(moment)
    return _("%(time)s on %(date)s") % {"time": local.strftime("%H:%M"), "date": text.format_short_date(local)}


def restore_text(moment):
    return _("expected back in service at %(when)s") % {"when": clock_and_date(moment)}
