"""English search in Chromium (issue 17, point 1): /en/search/?q=history at 360 and 1,366 px, text
size A and A+: the English About page is among the visible results, nothing sticks out sideways,
and the English header's search box leads to /en/search/."""

import pytest

from tests.browser.conftest import wait_until
from tests.browser.test_english_pages import SCREENS, VIEWPORTS, english, set_text_size  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const results = [...document.querySelectorAll('.search-result')];
  const wide = [...document.querySelectorAll('main *, .site-header *')].filter(el => {
    const b = el.getBoundingClientRect();
    return el.offsetParent !== null && b.width > 0 && (b.right > width + 1 || b.left < -1);
  }).map(el => el.tagName + '.' + el.className);
  const first = results.length ? results[0].querySelector('.search-result-title a').getBoundingClientRect() : null;
  return {scroll: document.documentElement.scrollWidth, width, count: results.length, wide: wide.slice(0, 5),
          links: results.map(r => r.querySelector('.search-result-title a').getAttribute('href')),
          first: first && [first.left, first.top, first.width, first.height]};
}"""


def test_english_search_at_phone_and_desktop(live_server, chromium, english):  # noqa: F811
    SCREENS.mkdir(parents=True, exist_ok=True)
    failures = []
    for viewport in VIEWPORTS:
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            response = page.goto(live_server.url + "/en/search/?q=history")
            assert response.status == 200
            assert page.evaluate("document.documentElement.lang") == "en"
            for size, label in (("", "A"), ("large", "A+")):
                set_text_size(page, size)
                page.wait_for_timeout(50)
                found = page.evaluate(LAYOUT)
                where = f"at {viewport['width']} px, {label}"
                if "/en/about/history/" not in found["links"]:
                    failures.append(f"{where}: history page not in {found['links']}")
                if not all(link.startswith("/en/") for link in found["links"]):
                    failures.append(f"{where}: non-English results {found['links']}")
                if found["scroll"] > viewport["width"]:
                    failures.append(f"{where}: page {found['scroll']} px wide")
                if found["wide"]:
                    failures.append(f"{where}: overflowing {found['wide']}")
                first = found["first"]
                if not first or first[2] < 40 or first[3] < 16 or first[0] < 0:
                    failures.append(f"{where}: first result title not visible: {first}")
                elif not page.locator(".search-result-title a").first.is_visible():
                    failures.append(f"{where}: first result hidden")
                page.screenshot(path=str(SCREENS / f"en-search-{viewport['width']}-{label}.png"), full_page=True)
            set_text_size(page, "")
            if viewport["width"] >= 1000:
                # The English header's box searches the English pages.
                page.goto(live_server.url + "/en/about/")
                page.fill("#header-q", "leadership")
                page.locator(".header-search button").click()
                wait_until(page, "location.pathname === '/en/search/'")
                assert page.locator(".search-result").count() >= 1
        finally:
            context.close()
    assert not failures, failures
