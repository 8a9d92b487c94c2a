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


def _agents_around_the_crawler_list():
    """Agents built from each crawler expression's own literals (whole, upper-cased, cut short:
    some match, some only nearly), in browser-like and bare forms, and everyday browsers."""
    from crawlerdetect.providers.crawlers import data

    forms = (
        "Mozilla/5.0 (compatible; {}/2.1; +http://example.com/bot.html)",
        "Mozilla/5.0 (Linux; Android 13; {}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile "
        "Safari/537.36",
        "{}",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 {} Zalo iOS/{}",
    )
    agents = []
    for n, pattern in enumerate(data):
        for literal in sorted(bots.required_literals(pattern) or {"x"}):
            for form in forms:
                for variant in (literal, literal.upper(), literal[:-1]):
                    agents.append(form.format(variant, n))
    for n in range(150):
        agents.append(
            f"Mozilla/5.0 (Linux; Android 1{n % 5}; SM-A{n}) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/120.0.{n}.0 Mobile Safari/537.36"
        )
        agents.append(
            f"Mozilla/5.0 (iPhone; CPU iPhone OS 17_{n % 9} like Mac OS X) AppleWebKit/605.1.15 "
            f"(KHTML, like Gecko) Version/17.{n % 7} Mobile/15E148 Safari/604.1 Zalo iOS/{n}"
        )
    agents += [
        BROWSER_UA,
        FIREFOX_UA,
        GOOGLEBOT,
        HEADLESS,
        "",
        "  ",
        "Ruby",
        "xRuby/2",
        "Mozilla/5.0 Äpfel crawler",
        "Mozilla/5.0 (X11) ſpider",
        "Mozilla/5.0 \u212abot",
    ]
    return agents


def test_the_indexed_crawler_rule_answers_exactly_as_crawlerdetect():
    """``CrawlerIndex`` searches only the expressions whose literals occur in the agent: the
    same answer as crawlerdetect's whole alternation, for every expression of the list."""
    from crawlerdetect import CrawlerDetect

    detector, index = CrawlerDetect(), bots.crawler_index()
    agents = _agents_around_the_crawler_list()
    expected = [detector.isCrawler(agent) for agent in agents]
    assert [index.is_crawler(agent) for agent in agents] == expected
    assert 5_000 < sum(expected) < len(agents) - 1_000  # both answers well represented
    assert index.always is None  # every expression of today's list is indexed


def test_required_literals_are_in_every_match():
    assert bots.required_literals(r"Googlebot\/[0-9]") == {"googlebot/"}
    assert bots.required_literals(r"^Ruby|Ruby\/[0-9]") == {"ruby", "ruby/"}
    assert bots.required_literals(r"[a-z0-9\-_]*(bot|crawl|spider)") == {"bot", "crawl", "spider"}
    assert bots.required_literals(r"ab(c)?d") is None  # nothing of 3 characters is sure
    assert bots.required_literals(r"(foo|.x)bar") == {"bar"}
    assert bots.required_literals(r"x(?:abcd)+y") == {"abcd"}


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
