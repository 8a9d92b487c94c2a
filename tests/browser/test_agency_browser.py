"""Giới thiệu in Chromium (issue 16, points 1, 6 and 8): every page at 360 and 1,366 px, at A and A+,
no sideways scroll; the organisation chart stacks on a phone and its links reach each unit; the
leadership puts photos beside the text on a desktop and above it on a phone; axe-core finds nothing
serious; printing keeps the chart; the admin's unit tree for an approver and an administrator.
Screenshots go to screens/ (git-ignored) for a person to look at."""

import importlib
import os
from pathlib import Path

import pytest

from tests.browser.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = Path(os.environ.get("VNPORTAL_SCREENS_DIR", Path(__file__).resolve().parents[2] / "screens"))
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 800}
PASSWORD = "mat-khau-thu-1"


@pytest.fixture
def agency(home):
    """The demo's agency (units, people, pages), built by the app's own demo code."""
    from django.apps import apps

    from vnportal.agency import demo
    from vnportal.agency.models import AboutIndexPage, AboutPage
    from vnportal.core.models import SiteSettings

    # A live-server test's flush empties the groups the migrations made: make them again, the same way.
    importlib.import_module("vnportal.news.migrations.0004_roles_and_workflow").create_roles(apps, None)
    importlib.import_module("vnportal.agency.migrations.0003_agency_roles").grant(apps, None)
    settings = SiteSettings.for_site(home.get_site())
    settings.agency_name = "Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà"
    settings.save()
    demo.build()
    return {page.kind: page for page in AboutPage.objects.live()} | {"index": AboutIndexPage.objects.get()}


def pages_of(agency):
    return {
        "about-index": agency["index"].url,
        "about-functions": agency["functions"].url,
        "about-organisation": agency["organisation"].url,
        "about-leadership": agency["leadership"].url,
        "about-history": "/gioi-thieu/lich-su/",
        "about-map": "/gioi-thieu/ban-do-hanh-chinh/",
        "about-accessibility": agency["accessibility"].url,
    }


def set_text_size(page, size):
    page.evaluate(
        "size => { if (size) document.documentElement.dataset.textSize = size;"
        " else delete document.documentElement.dataset.textSize; }",
        size,
    )


def test_every_about_page_fits_a_phone_and_a_desktop_at_a_and_a_plus(live_server, chromium, agency):
    SCREENS.mkdir(parents=True, exist_ok=True)
    failures = []
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            for name, path in pages_of(agency).items():
                response = page.goto(live_server.url + path)
                assert response.status == 200, (name, path, response.status)
                assert page.locator(".last-updated").is_visible(), name
                for size, label in (("", "A"), ("large", "A+")):
                    set_text_size(page, size)
                    page.wait_for_timeout(50)
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > viewport["width"]:
                        failures.append(f"{name} at {viewport['width']} px, {label}: {width} px wide")
                    page.screenshot(path=str(SCREENS / f"{name}-{viewport['width']}-{label}.png"), full_page=True)
                set_text_size(page, "")
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def test_the_chart_stacks_on_a_phone_and_each_link_reaches_its_unit(live_server, chromium, agency):
    context = chromium.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    try:
        set_text = agency["organisation"].url
        page.goto(live_server.url + set_text)
        set_text_size(page, "large")
        nodes = page.locator(".org-chart .org-unit")
        assert nodes.count() >= 10
        boxes = [nodes.nth(i).bounding_box() for i in range(nodes.count())]
        # Stacked: one box per row, each inside the screen, deeper levels further right.
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= 360 for box in boxes), boxes
        assert all(
            later["y"] >= earlier["y"] + earlier["height"] - 1 for earlier, later in zip(boxes, boxes[1:], strict=False)
        )
        deepest = page.locator(".org-level .org-level .org-level .org-unit").first.bounding_box()
        assert deepest["x"] > boxes[0]["x"] + 20
        # A screen reader hears a list of lists: three levels at least.
        assert page.locator(".org-chart ul ul ul li").count() >= 1
        link = page.locator(".org-chart a[href='#ban-to-chuc-tinh-uy']")
        link.click()
        wait_until(page, "() => location.hash === '#ban-to-chuc-tinh-uy'")
        # The unit's details come into view (the browser scrolls to the anchor, smoothly or not).
        page.wait_for_function(
            "() => { const r = document.getElementById('ban-to-chuc-tinh-uy').getBoundingClientRect();"
            " return r.top >= -1 && r.top < 400; }",
            timeout=5000,
        )
        target = page.locator("#ban-to-chuc-tinh-uy")
        assert "Ban Tổ chức Tỉnh ủy" in target.inner_text()
    finally:
        context.close()


def test_leaders_photos_sit_beside_the_text_on_a_desktop_and_above_it_on_a_phone(live_server, chromium, agency):
    for viewport in (DESKTOP, PHONE):
        context = chromium.new_context(viewport=viewport, locale="vi-VN")
        page = context.new_page()
        try:
            page.goto(live_server.url + agency["leadership"].url)
            leaders = page.locator(".leader")
            assert leaders.count() == 5
            assert leaders.first.locator(".leader-name").inner_text() == "Nguyễn Hoàng Long"
            photo = leaders.first.locator(".leader-photo img").bounding_box()
            text = leaders.first.locator(".leader-text").bounding_box()
            assert photo["width"] >= 120 and photo["height"] >= 150
            if viewport is DESKTOP:
                assert photo["x"] + photo["width"] <= text["x"] and abs(photo["y"] - text["y"]) < 5
            else:
                assert photo["y"] + photo["height"] <= text["y"]
                assert text["x"] + text["width"] <= 360
        finally:
            context.close()


def test_printing_the_organisation_chart(live_server, chromium, agency):
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + agency["organisation"].url)
        page.emulate_media(media="print")
        assert page.locator(".org-chart").is_visible()
        assert not page.locator(".main-nav").is_visible() and not page.locator(".sidebar").is_visible()
        colour = page.locator(".org-root > .org-node > .org-unit").first.evaluate("e => getComputedStyle(e).color")
        assert colour == "rgb(0, 0, 0)"  # black on white: the red banner of the screen is not printed
        assert page.locator(".print-source").is_visible()
        page.pdf(path=str(SCREENS / "about-organisation-print.pdf"))
    finally:
        context.close()


def test_about_pages_have_no_serious_or_critical_axe_violations(live_server, browser_page, agency):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    report = {}
    for name, path in pages_of(agency).items():
        browser_page.goto(live_server.url + path)
        results = axe.run(browser_page)
        found = [
            f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results.response["violations"]
            if v.get("impact") in {"serious", "critical"}
        ]
        if found:
            report[name] = found
    assert not report, report


@pytest.mark.parametrize("role", ["approver", "admin"])
def test_the_unit_tree_in_the_admin(live_server, chromium, agency, role):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from vnportal.news.roles import ADMIN, LEADER

    user = get_user_model().objects.create_user(role, f"{role}@example.vn", PASSWORD)
    user.groups.add(Group.objects.get(name=LEADER if role == "approver" else ADMIN))
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/quan-tri/login/")
        page.fill("input[name=username]", role)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/quan-tri/**")
        page.goto(live_server.url + "/quan-tri/snippets/agency/unit/")
        names = page.locator("table.listing tbody tr td:nth-child(2)").all_inner_texts()
        names = [name.strip() for name in names]
        assert names[:3] == ["Ban Chấp hành Đảng bộ tỉnh", "— Ban Thường vụ Tỉnh ủy", "— — Văn phòng Tỉnh ủy"], names
        assert "— — — Phòng Tổng hợp" in names
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        page.screenshot(path=str(SCREENS / f"admin-units-{role}.png"), full_page=True)
        page.goto(live_server.url + "/quan-tri/snippets/agency/person/")
        assert "Nguyễn Hoàng Long" in page.content()
        page.screenshot(path=str(SCREENS / f"admin-people-{role}.png"), full_page=True)
    finally:
        context.close()
