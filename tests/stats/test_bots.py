"""Bots by the maintained crawler list plus our rules; exclusions counted per day and reason."""

import datetime

import pytest

from tests.support.stats import BROWSER_UA, FIREFOX_UA, metric, page_counts
from vnportal.stats import bots

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0 Safari/537.36"


@pytest.mark.parametrize(
    "ua, reason",
    [
        (GOOGLEBOT, bots.REASON_CRAWLER),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", bots.REASON_CRAWLER),
        ("Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)", bots.REASON_CRAWLER),
        ("curl/8.5.0", bots.REASON_CRAWLER),
        ("python-requests/2.32.3", bots.REASON_CRAWLER),
        ("", bots.REASON_EMPTY_UA),
        ("   ", bots.REASON_EMPTY_UA),
        (HEADLESS, bots.REASON_HEADLESS),
        ("Mozilla/5.0 PhantomJS/2.1.1", bots.REASON_HEADLESS),
        (BROWSER_UA, None),
        (FIREFOX_UA, None),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Mobile/15E148 Safari/604.1",
            None,
        ),
    ],
)
def test_reason_for_user_agent(ua, reason):
    assert bots.reason_for_user_agent(ua) == reason


def test_bot_hits_are_excluded_and_counted_by_day_and_reason(store, article, get, stats_clock):
    get(article.url, ua=GOOGLEBOT)
    get(article.url, ua=GOOGLEBOT)
    get(article.url, ua=None)  # no User-Agent header at all
    get(article.url, ua=HEADLESS)
    get(article.url, HTTP_SEC_PURPOSE="prefetch")
    stats_clock.advance(days=1)
    get(article.url, ua="curl/8.5.0")
    store.flush()
    assert metric("visits") == 0 and metric("pageviews") == 0 and page_counts(article.pk) == (0, 0)
    day1, day2 = datetime.date(2026, 11, 26), datetime.date(2026, 11, 27)
    assert metric("excluded", day1, "crawler") == 2
    assert metric("excluded", day1, "empty_ua") == 1
    assert metric("excluded", day1, "headless") == 1
    assert metric("excluded", day1, "prefetch") == 1
    assert metric("excluded", day2, "crawler") == 1
    assert metric("bot_hits", day1) == 4  # prefetches are not bots
