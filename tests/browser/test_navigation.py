"""The admin-built menu, banners, the maintenance notice and the link groups as readers see them
(issue 16, points 3, 5, 6 and 8): phones and desktops, text size A and A+, axe-core, screenshots."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import _violations, axe  # noqa: F401 (a fixture)
from tests.browser.test_public_ux import overflow, set_text_size
from vnportal.navigation import demo

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 800}
SCREENS = Path(__file__).resolve().parents[2] / "screens"


@pytest.fixture
def portal(home, make_section, make_article):
    from wagtail.models import Site

    from vnportal.core.models import SiteSettings
    from vnportal.navigation.models import MaintenanceNotice, MenuSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.agency_name = "Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà"
    settings.save()
    economy = make_section("Kinh tế - Xã hội")
    party = make_section("Xây dựng Đảng")
    article = make_article("Sơn Hà đẩy mạnh chuyển đổi số trong cơ quan nhà nước", parent=economy)
    farming = make_section("Nông nghiệp, nông thôn", parent=economy)
    menu = MenuSettings.for_site(Site.objects.get(is_default_site=True))
    menu.main_menu = [
        ("item", {"label": "Trang chủ", "page": home, "part": "", "url": "", "children": []}),
        (
            "item",
            {
                "label": "",
                "page": economy,
                "part": "",
                "url": "",
                "children": [
                    {"label": "", "page": farming, "part": "", "url": ""},
                    {
                        "label": "Dịch vụ công trực tuyến quốc gia",
                        "page": None,
                        "part": "",
                        "url": "https://dichvucong.gov.vn/",
                    },
                ],
            },
        ),
        ("item", {"label": "", "page": party, "part": "", "url": "", "children": []}),
        ("item", {"label": "", "page": None, "part": "library:index", "url": "", "children": []}),
        ("item", {"label": "Liên kết", "page": None, "part": "site_map", "url": "", "children": []}),
    ]
    menu.save()
    demo.build()
    now = timezone.now()  # the demo made the banners (two)
    MaintenanceNotice.objects.create(
        message="Cổng thông tin tạm dừng để nâng cấp hệ thống máy chủ.",
        shown_from=now - datetime.timedelta(hours=1),
        downtime_starts=now + datetime.timedelta(hours=3),
        restore_at=now + datetime.timedelta(hours=6),
    )
    return {"article": article, "economy": economy, "farming": farming}


def pages(portal):
    return {"home": "/", "article": portal["article"].url, "links": "/lien-ket/", "site-map": "/so-do-cong/"}


def test_notice_banners_and_links_fit_phones_and_desktops_at_a_and_a_plus(live_server, chromium, portal):
    SCREENS.mkdir(exist_ok=True)
    failures = []
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            for name, path in pages(portal).items():
                assert page.goto(live_server.url + path).status == 200, name
                for size, label in (("", "A"), ("large", "A+")):
                    set_text_size(page, size)
                    page.wait_for_timeout(50)
                    where = f"{name} {viewport['width']} {label}"
                    spill = overflow(page)
                    if spill["scroll"] > 0:
                        failures.append(f"{where}: scrolls {spill['scroll']} px sideways {spill['wide']}")
                    notice = page.locator(".maintenance-notice").bounding_box()
                    header = page.locator(".site-header").bounding_box()
                    # The notice is the first thing on the page, full width, above the header, readable.
                    if not (notice and notice["y"] <= 1 and notice["y"] + notice["height"] <= header["y"] + 1):
                        failures.append(f"{where}: notice not at the top {notice} {header}")
                    if notice and notice["width"] < viewport["width"] - 1:
                        failures.append(f"{where}: notice {notice['width']} px wide")
                    text = page.locator(".maintenance-notice").inner_text()
                    if "dự kiến hoạt động trở lại lúc" not in text:
                        failures.append(f"{where}: notice says {text!r}")
                    banners = page.locator(".banner-list img")
                    if name != "links" and banners.count() != len(demo.BANNERS):
                        failures.append(f"{where}: {banners.count()} banners")
                    sidebar = page.locator(".sidebar").bounding_box()
                    for index in range(banners.count()):
                        box = banners.nth(index).bounding_box()
                        if box["width"] < 200 or box["x"] + box["width"] > sidebar["x"] + sidebar["width"] + 1:
                            failures.append(f"{where}: banner {index} at {box}")
                    # In the footer of every page but the one that lists them all.
                    if page.locator(".footer-link-groups").count() != (0 if name == "links" else 1):
                        failures.append(f"{where}: {page.locator('.footer-link-groups').count()} footer link blocks")
                    elif name != "links" and not page.locator(".footer-link-groups").is_visible():
                        failures.append(f"{where}: footer links hidden")
                    page.screenshot(path=str(SCREENS / f"nav-{name}-{viewport['width']}-{label}.png"), full_page=False)
                set_text_size(page, "")
            # The links page: every group, services under their fields.
            page.goto(live_server.url + "/lien-ket/")
            assert page.locator(".link-group").count() == 3
            assert page.locator(".link-field").all_inner_texts() == [
                "Đất đai",
                "Hộ tịch",
                "Xây dựng",
                "Đăng ký kinh doanh",
            ]
            page.screenshot(path=str(SCREENS / f"nav-links-full-{viewport['width']}.png"), full_page=True)
            page.goto(live_server.url + "/")
            page.locator(".site-footer").screenshot(path=str(SCREENS / f"nav-footer-{viewport['width']}.png"))
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def test_the_menu_and_its_sub_items_on_a_phone_and_a_desktop(live_server, chromium, portal):
    SCREENS.mkdir(exist_ok=True)
    for size, label in (("", "A"), ("large", "A+")):
        context = chromium.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.goto(live_server.url + portal["farming"].url)
        set_text_size(page, size)
        menu = page.locator("#main-menu")
        assert not menu.is_visible()  # folded behind the Menu button
        page.locator(".menu-toggle").click()
        assert menu.is_visible()
        sub = page.locator("#main-menu .submenu a").first
        assert sub.is_visible() and sub.inner_text() == "Nông nghiệp, nông thôn"
        assert sub.get_attribute("aria-current") == "page"
        parent = page.locator("#main-menu > li.has-submenu > a").bounding_box()
        child = sub.bounding_box()
        assert child["x"] > parent["x"] and child["y"] > parent["y"]  # indented under its item
        for link in page.locator("#main-menu a").all():
            box = link.bounding_box()
            assert box["height"] >= 24 and box["x"] + box["width"] <= 361, (link.inner_text(), box)
        assert overflow(page)["scroll"] <= 0
        page.screenshot(path=str(SCREENS / f"nav-menu-open-360-{label}.png"), full_page=False)
        context.close()

        context = chromium.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        page.goto(live_server.url + "/")
        set_text_size(page, size)
        top = [text.strip() for text in page.locator("#main-menu > li > a").all_inner_texts()]
        assert top[0] == "Trang chủ" and top[1].startswith("Kinh tế - Xã hội") and top[3:] == ["Văn bản", "Liên kết"]
        submenu = page.locator("#main-menu .submenu")
        assert not submenu.is_visible()
        page.locator("#main-menu > li.has-submenu > a").hover()
        assert submenu.is_visible()
        box = submenu.bounding_box()
        bar = page.locator(".main-nav").bounding_box()
        assert box["y"] >= bar["y"] + bar["height"] - 2 and box["x"] + box["width"] <= 1366
        page.screenshot(path=str(SCREENS / f"nav-menu-dropdown-1366-{label}.png"), full_page=False)
        page.mouse.move(5, 700)
        assert not submenu.is_visible()
        # Keyboard: tabbing into the item opens its sub-menu, and onwards into it.
        page.locator("#main-menu > li.has-submenu > a").focus()
        assert submenu.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Nông nghiệp, nông thôn"
        assert submenu.is_visible()
        context.close()


def test_navigation_parts_are_axe_clean(live_server, browser_page, axe, portal):  # noqa: F811
    report = {}
    for name, path in pages(portal).items():
        assert browser_page.goto(live_server.url + path).status == 200
        found = _violations(browser_page, axe)
        if found:
            report[name] = found
    assert report == {}
