"""The beacon's one rule, shared by the Django view (``POST /api/stats/hit``) and the
nginx ingester (``stats_ingest``): is this token good for this site, and what does the
beacon count? Nothing here writes; the caller records the outcome in its counter store."""

from vnportal.core.memo import TTLMemo
from vnportal.core.sitetree import is_public

from . import bots, capture

LIVE_TTL = 30
_live_pages = TTLMemo(maxsize=10_000, ttl=LIVE_TTL)  # page id → its site id, or None


def page_is_countable(page_id, site_id):
    """Live, public and of this site; remembered for a few seconds per process."""
    if page_id == 0:
        return True
    return _live_pages.get_or_set(page_id, lambda: _site_of_live_public_page(page_id)) == site_id


def _site_of_live_public_page(page_id):
    from wagtail.models import Page, Site

    page = Page.objects.filter(pk=page_id, live=True).only("path").first()
    if page is None or not is_public(page):
        return None
    for site in Site.objects.select_related("root_page").only("pk", "root_page__path"):
        if page.path.startswith(site.root_page.path):
            return site.pk
    return None


def evaluate(request, token, referrer, moment=None, read_token=capture.read_token, site_id=None, countable=None):
    """``(site id, hit or None, exclusion reason or None)`` for one beacon.

    Forged, expired (beyond the replay window), draft or unknown tokens, and tokens of
    another site, give no hit and the exclusion ``invalid_token``; otherwise the beacon
    counts as the page view of the token's page, under the same bot and prefetch rules
    as a page counted at render (``capture.build_hit``). ``read_token`` may be a memo of
    ``capture.read_token`` (the ingester's); ``site_id`` (the request's site) and
    ``countable`` (``page_is_countable``) may come from the ingester's per-batch memo."""
    if site_id is None:
        site_id = capture.site_id_for(request)
    countable = countable or page_is_countable
    parsed = read_token(token or "")
    if parsed is None or parsed[0] != site_id or not countable(parsed[1], site_id):
        return site_id, None, bots.REASON_INVALID_TOKEN
    hit, reason = capture.build_hit(request, site_id, parsed[1], capture.referrer_domain(request, referrer), moment)
    return site_id, hit, reason
