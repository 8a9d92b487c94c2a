"""Public endpoints: the summary JSON and the beacon that counts cached pages."""

import base64
import time

from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import bots, capture, clock, conf, queries
from .stores import get_store

# A transparent 1×1 GIF for the no-script fallback.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")

_live_pages = {}
LIVE_TTL = 30


def _page_is_countable(page_id, site_id):
    """Live, public and of this site; remembered for a few seconds per process."""
    if page_id == 0:
        return True
    entry = _live_pages.get(page_id)
    if entry is None or entry[0] < time.monotonic():
        from wagtail.models import Page, PageViewRestriction, Site

        page = Page.objects.filter(pk=page_id, live=True).only("path").first()
        ok_site = None
        if page is not None and not PageViewRestriction.objects.filter(
                page__path__in=[page.path[:i] for i in range(4, len(page.path) + 1, 4)]).exists():
            for site in Site.objects.select_related("root_page").only("pk", "root_page__path"):
                if page.path.startswith(site.root_page.path):
                    ok_site = site.pk
                    break
        if len(_live_pages) > 10_000:
            _live_pages.clear()
        entry = _live_pages[page_id] = (time.monotonic() + LIVE_TTL, ok_site)
    return entry[1] == site_id


@require_GET
def summary(request):
    site_id = capture.site_id_for(request)
    response = JsonResponse(queries.summary(site_id))
    patch_cache_control(response, public=True, max_age=queries.SUMMARY_TTL)
    return response


def _count_beacon(request, token, referrer):
    """True when counted. Forged, expired (beyond the replay window), draft or unknown
    tokens are refused and counted only as an exclusion."""
    if not conf.enabled():
        return False
    site_id = capture.site_id_for(request)
    parsed = capture.read_token(token or "")
    if parsed is None or parsed[0] != site_id or not _page_is_countable(parsed[1], site_id):
        get_store().exclude(site_id, clock.local_date().isoformat(), bots.REASON_INVALID_TOKEN)
        return False
    return capture.record(request, site_id, parsed[1], capture.referrer_domain(request, referrer)) is not None


def _no_store(response):
    patch_cache_control(response, no_store=True, private=True)
    return response


@csrf_exempt  # sent by navigator.sendBeacon; the signed token is the only thing believed
@require_http_methods(["POST"])
def hit(request):
    counted = _count_beacon(request, request.POST.get("t"), request.POST.get("r", ""))
    return _no_store(HttpResponse(status=204 if counted else 400))


@require_GET
def hit_pixel(request):
    # <noscript> fallback: the referrer header here is the page itself, so none is kept.
    _count_beacon(request, request.GET.get("t"), "")
    return _no_store(HttpResponse(PIXEL, content_type="image/gif"))
