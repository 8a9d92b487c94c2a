"""The search page with several portals: the "Tìm trên tất cả các cổng" option and results from
another portal, at 360 and 1,366 px, text size A and A+ — nothing overflows, everything shows."""

import pytest

from tests.browser.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

SUB_HOST = "xa-an-binh.localhost"
LONG_NAME = "Ủy ban nhân dân xã An Bình, huyện Phú Giáo, tỉnh Bình Dương"


@pytest.fixture
def two_portals(make_article):
    from wagtail.models import Page, Site

    from vnportal.news.models import HomePage, SectionPage

    home = HomePage(title="Cổng xã An Bình", slug="xa-an-binh")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.clear_site_root_paths_cache()
    Site.objects.create(hostname=SUB_HOST, port=80, root_page=home, site_name=LONG_NAME)
    section = SectionPage(title="Tin xã", show_in_menus=True)
    home.add_child(instance=section)
    section.save_revision().publish()
    make_article("Đại hội Đảng bộ tỉnh lần thứ XVIII", lead="Đại hội đã bầu Ban Chấp hành Đảng bộ tỉnh khóa mới.")
    make_article(
        "Đại hội Đảng bộ xã An Bình nhiệm kỳ 2025–2030",
        parent=section,
        lead="Đại hội Đảng bộ xã An Bình đã thành công tốt đẹp với nhiều chỉ tiêu phát triển.",
    )


NO_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) return "page scrolls sideways";
  const selectors = '.search-scope, .search-scope label, .search-result, .search-result-portal, '
    + '.search-result-title, .search-main input, .search-main button';
  for (const el of document.querySelectorAll(selectors)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return "hidden: " + el.className;
    if (box.left < -1 || box.right > width + 1) return "overflows: " + el.className + " " + box.left + "-" + box.right;
  }
  return "";
}"""


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("text_size", ["", "large"])
def test_search_all_portals_option_and_results(live_server, browser_page, two_portals, width, text_size):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/tim-kiem/?q=dai+hoi+dang+bo")
    if text_size:
        page.evaluate("() => { document.documentElement.dataset.textSize = 'large'; }")
    # This portal's result only, and the option to widen the search.
    assert page.locator(".search-result").count() == 1
    checkbox = page.locator("#id_all_sites")
    assert checkbox.is_visible()
    label = page.locator(".search-scope label")
    assert label.inner_text().strip() == "Tìm trên tất cả các cổng"
    box = checkbox.bounding_box()
    assert box["width"] >= 16 and box["height"] >= 16  # a target a thumb can hit
    assert label.bounding_box()["height"] >= 38
    checkbox.check()
    page.click(".search-main button[type=submit]")
    page.wait_for_url("**all_sites=on**")
    if text_size:
        page.evaluate("() => { document.documentElement.dataset.textSize = 'large'; }")
    wait_until(page, "() => document.querySelectorAll('.search-result').length === 2")
    assert page.locator("#id_all_sites").is_checked()  # what the reader chose is kept
    other = page.locator(".search-result", has_text="xã An Bình nhiệm kỳ")
    portal = other.locator(".search-result-portal")
    assert portal.is_visible() and LONG_NAME in portal.inner_text()
    href = other.locator(".search-result-title a").get_attribute("href")
    assert href.startswith(f"http://{SUB_HOST}/tin-xa/")
    # The long portal name wraps inside the result; nothing leaves the screen.
    assert page.evaluate(NO_OVERFLOW) == ""
    result_box = other.bounding_box()
    portal_box = portal.bounding_box()
    assert (
        result_box["x"] - 1 <= portal_box["x"]
        and portal_box["x"] + portal_box["width"] <= result_box["x"] + result_box["width"] + 1
    )
    if width == 360:
        # On a phone the label wraps to more than one line rather than running off the side.
        assert portal_box["width"] <= 360
