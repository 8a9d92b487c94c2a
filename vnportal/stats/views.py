"""Public endpoints: the summary JSON and the beacon that counts cached pages."""

import base64

from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import beacon, capture, clock, conf, queries
from .stores import get_store

# A transparent 1×1 GIF for the no-script fallback.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
def summary(request):
    site_id = capture.site_id_for(request)
    response = JsonResponse(queries.summary(site_id))
    patch_cache_control(response, public=True, max_age=queries.SUMMARY_TTL)
    return response


def _count_beacon(request, token, referrer):
    """True when counted. Forged, expired (beyond the replay window), draft or unknown
    tokens are refused and counted only as an exclusion (the rule: beacon.evaluate)."""
    if not conf.enabled():
        return False
    moment = clock.now()
    site_id, hit, reason = beacon.evaluate(request, token, referrer, moment)
    store = get_store()
    if reason is not None:
        store.exclude(site_id, clock.local_date(moment).isoformat(), reason)
    if hit is not None:
        store.record(hit)
    return hit is not None


def _no_store(response):
    patch_cache_control(response, no_store=True, private=True)
    return response


@csrf_exempt  # sent by navigator.sendBeacon; the signed token is the only thing believed
@require_http_methods(["POST"])
def hit(request):
    # stats.js sends the token in the query string (nginx can count it without reading a
    # body); pages cached before that post it as a form field.
    token = request.GET.get("t") or request.POST.get("t")
    referrer = request.GET.get("r") or request.POST.get("r", "")
    counted = _count_beacon(request, token, referrer)
    return _no_store(HttpResponse(status=204 if counted else 400))


@require_GET
def hit_pixel(request):
    # <noscript> fallback: the referrer header here is the page itself, so none is kept.
    _count_beacon(request, request.GET.get("t"), "")
    return _no_store(HttpResponse(PIXEL, content_type="image/gif"))
