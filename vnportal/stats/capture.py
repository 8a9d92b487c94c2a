"""Turning a request into a hit: which responses count, who the visitor is, and the
middleware that does it after the response is built (it never delays the view itself
and never breaks a page: any error is logged and the response goes out)."""

import logging
import re
from functools import lru_cache
from urllib.parse import urlsplit

from django.core import signing
from django.templatetags.static import static
from django.utils.html import escape

from vnportal.core.memo import TTLMemo
from vnportal.core.pagecache import shared_cacheable
from vnportal.core.paths import is_page_path
from vnportal.core.visitors import guest_id

from . import bots, clock, conf, visitor
from .queries import page_views
from .stores import get_store
from .stores.base import KIND_BOT, Hit

logger = logging.getLogger("vnportal.stats")

BEACON_SALT = "vnportal.stats.beacon"
SITE_TTL = 60
_sites_by_host = TTLMemo(maxsize=1000, ttl=SITE_TTL)  # host → site id (0: none)


def forget_sites():
    _sites_by_host.clear()


def site_id_for(request):
    """The Wagtail site of the request; for beacons and non-page views remembered per host
    for a minute, so they cost no query."""
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        return site.pk
    return _sites_by_host.get_or_set(request.get_host(), lambda: _site_id_of(request))


def _site_id_of(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.pk if site is not None else 0


_HOSTNAME = re.compile(r"[a-z0-9._\-]+|[0-9a-f:.]+")


def referrer_domain(request, value=None):
    """The host of an external referrer (nothing else of the URL is kept)."""
    raw = request.META.get("HTTP_REFERER", "") if value is None else value
    if not raw:
        return ""
    return _referrer_host(raw, request.get_host().split(":")[0].lower())


@lru_cache(maxsize=1024)
def _referrer_host(raw, own_host):
    """Remembered: beacons send the referrer's origin only, and few origins repeat a lot."""
    try:
        host = (urlsplit(raw).hostname or "").lower()
    except ValueError:
        return ""
    # Only what a real host name can be: a forged Referer must not bring control characters
    # or markup into the stored statistics (NUL would even fail the PostgreSQL flush).
    if not host or not _HOSTNAME.fullmatch(host) or host == own_host:
        return ""
    return host[4:] if host.startswith("www.") else host[:255]


def build_hit(request, site_id, page_id, referrer, moment=None):
    """What one page view of ``page_id`` (0: not a Wagtail page) at ``moment`` (default now)
    counts, without writing it: ``(hit or None, exclusion reason or None)``.

    A bot gives its (bot) hit and its reason; a prefetch gives no hit (it is not a bot,
    simply not a view). The beacon ingester builds hits in batches with this; ``record``
    writes one."""
    moment = moment or clock.now()
    day = clock.local_date(moment)
    params = conf.site_params(site_id)
    reason = bots.exclusion_reason(request)
    if reason == bots.REASON_PREFETCH:
        return None, reason
    day_start = clock.day_start(day)
    if reason is not None:
        vid, kind, previous = guest_id(request, day), KIND_BOT, ""
    else:
        vid, kind, previous = visitor.identify(request, moment, params.online_window)
    hit = Hit(
        site_id=site_id,
        visitor=vid,
        kind=kind,
        ts=moment.timestamp(),
        day=day.isoformat(),
        day_start=day_start.timestamp(),
        timeout=params.visit_timeout,
        keep=params.keep_seconds,
        page_id=page_id or 0,
        referrer=referrer,
        previous=previous,
    )
    return hit, reason


def record(request, site_id, page_id, referrer):
    """Count one page view of ``page_id`` (0: a view that is not a Wagtail page)."""
    moment = clock.now()
    hit, reason = build_hit(request, site_id, page_id, referrer, moment)
    store = get_store()
    if reason is not None:
        store.exclude(site_id, clock.local_date(moment).isoformat(), reason)
    if hit is not None:
        store.record(hit)
    return hit


def page_token(site_id, page_id):
    return signing.dumps([site_id, page_id or 0], salt=BEACON_SALT, compress=False)


def read_token(token):
    """``(site id, page id)`` from a token signed here within the replay window, else None."""
    try:
        site_id, page_id = signing.loads(token, salt=BEACON_SALT, max_age=conf.beacon_max_age())
        return int(site_id), int(page_id)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def beacon_html(site_id, page_id):
    from django.urls import reverse

    token = escape(page_token(site_id, page_id))
    hit_url = reverse("stats:hit")
    return (
        f'<script src="{static("vnportal/js/stats.js")}" data-stats-hit="{hit_url}" data-stats-token="{token}" '
        f'defer></script><noscript><img class="stats-pixel" src="{hit_url}.gif?t={token}" alt="" width="1" '
        f'height="1"></noscript>'
    ).encode()


class StatsMiddleware:
    """Counts human page views; on responses a shared cache may replay, it adds the beacon
    instead (exactly one of the two paths counts a given response)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "GET" or response.status_code != 200 or not conf.enabled():
            return response
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            return response
        if getattr(request, "is_preview", False) or not is_page_path(request.path_info):
            return response
        try:
            site_id = site_id_for(request)
            page_id = getattr(request, "_stats_page_id", 0)
            if conf.beacon_always() or shared_cacheable(response):
                self._add_beacon(response, site_id, page_id)
            else:
                record(request, site_id, page_id, referrer_domain(request))
        except Exception:  # statistics must never cost a reader the page
            logger.exception("Statistics capture failed")
        return response

    @staticmethod
    def _add_beacon(response, site_id, page_id):
        content = response.content
        at = content.rfind(b"</body>")
        if at == -1:
            return
        response.content = content[:at] + beacon_html(site_id, page_id) + content[at:]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))

    def process_template_response(self, request, response):
        """Fill the article's "Lượt xem" slot (ArticlePage leaves ``view_count`` None) from
        the cached counts, no query per hit. (The home page's most-read list comes through
        the ``vnportal_most_read`` hook, in wagtail_hooks.py.)"""
        context = response.context_data
        if context is not None and "view_count" in context and context["view_count"] is None:
            page = context.get("page")
            if page is not None and conf.enabled():
                try:
                    # Views carried over from the old portal by the importer, plus ours.
                    context["view_count"] = page_views(page.pk) + (getattr(page, "imported_views", 0) or 0)
                except Exception:
                    logger.exception("Could not read the view count")
        return response
