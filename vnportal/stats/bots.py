"""Is this request a person? Rules first (cheap, explainable), then the maintained
crawler list of ``crawlerdetect`` (the Python port of JayBizzle's CrawlerDetect).

Returns the exclusion reason or ``None``. Results are memoised per User-Agent in process
memory only (never stored): the regular expressions are costly, user agents repeat.
"""

from functools import lru_cache

REASON_EMPTY_UA = "empty_ua"
REASON_HEADLESS = "headless"
REASON_PREFETCH = "prefetch"
REASON_CRAWLER = "crawler"
REASON_INVALID_TOKEN = "invalid_token"
# Not a rule: beacons the ingester could not keep (over its capacity), stored under no site.
REASON_SHED = "shed"
REASONS = (REASON_CRAWLER, REASON_EMPTY_UA, REASON_HEADLESS, REASON_PREFETCH, REASON_INVALID_TOKEN)

# Automation that presents itself as a browser. crawlerdetect knows some; these are sure.
HEADLESS_MARKERS = (
    "headlesschrome",
    "phantomjs",
    "slimerjs",
    "electron/",
    "puppeteer",
    "playwright",
    "selenium",
    "webdriver",
    "lighthouse",
    "chrome-lighthouse",
)

_detector = None


def _crawler_detect():
    global _detector
    if _detector is None:
        from crawlerdetect import CrawlerDetect

        _detector = CrawlerDetect()
    return _detector


@lru_cache(maxsize=4096)
def reason_for_user_agent(user_agent):
    ua = (user_agent or "").strip()
    if not ua:
        return REASON_EMPTY_UA
    lowered = ua.lower()
    if any(marker in lowered for marker in HEADLESS_MARKERS):
        return REASON_HEADLESS
    if _crawler_detect().isCrawler(ua):
        return REASON_CRAWLER
    return None


def is_prefetch(request):
    """Speculative loads the reader may never see (Chromium's Sec-Purpose, older Purpose)."""
    meta = request.META
    purpose = (
        meta.get("HTTP_SEC_PURPOSE", "")
        + " "
        + meta.get("HTTP_PURPOSE", "")
        + " "
        + meta.get("HTTP_X_MOZ", "")
        + " "
        + meta.get("HTTP_X_PURPOSE", "")
    ).lower()
    return "prefetch" in purpose or "preview" in purpose


def exclusion_reason(request):
    if is_prefetch(request):
        return REASON_PREFETCH
    return reason_for_user_agent(request.META.get("HTTP_USER_AGENT", ""))
