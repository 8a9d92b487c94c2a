"""The statistics block in a real browser: the beacon of a cached page, and the JavaScript
refresh of the block from /api/stats/. One test: live_server flushes the database after
each test, which also removes the Site that migrations create."""

import re

import pytest

from tests.support.stats import metric, page_counts
from tests.support.stores import configured_store

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def store(stats_clock):  # noqa: F811  (the fixture imported above, as a pytest argument)
    """The configured store only (Redis when REDIS_URL is set): a second live_server test
    would find the database flushed of the Site that migrations create."""
    with configured_store() as instance:
        yield instance


DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@pytest.fixture
def reader_page(chromium):
    """A browser that presents itself as an ordinary one (headless Chromium is a bot to us)."""
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", user_agent=DESKTOP_UA)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_beacon_counts_a_cached_page_and_the_block_refreshes(store, article, live_server, reader_page, settings):
    # 1. A page a cache may replay is counted by the beacon the browser sends.
    settings.STATS_BEACON_ALWAYS = True
    beacons = []
    reader_page.on("request", lambda r: beacons.append(r) if "/api/stats/hit" in r.url else None)
    reader_page.goto(live_server.url + article.url)
    reader_page.wait_for_load_state("networkidle")
    reader_page.wait_for_timeout(500)  # sendBeacon is fire-and-forget
    store.flush()
    assert metric("pageviews") == 1 and page_counts(article.pk) == (1, 1)
    # The token travels in the URL with no body, so nginx can count it without reading one.
    assert len(beacons) == 1 and beacons[0].method == "POST" and not beacons[0].post_data
    assert "?t=" in beacons[0].url and "&r=" in beacons[0].url

    # 2. The block shows the JSON endpoint's numbers, formatted the Vietnamese way.
    fresh = {
        "online": {"guests": 1234, "members": 5, "bots": 9, "total": 1239},
        "today": 4321,
        "yesterday": 100,
        "month": 99999,
        "total": 23287504,
    }
    reader_page.route("**/api/stats/", lambda route: route.fulfill(json=fresh))
    reader_page.goto(live_server.url + article.url)
    block = reader_page.locator("[data-stats-block]")
    block.locator("[data-stats='total']").filter(has_text="23.287.504").wait_for()
    text = re.sub(r"\s+", " ", block.inner_text())
    for expected in ("Khách 1.234", "Thành viên 5", "Tổng 1.239", "Hôm nay 4.321", "Hôm qua 100", "Tháng này 99.999"):
        assert expected in text, text
