"""Lịch công tác in Chromium (issue 16, points 2 and 8): a day × session table on a desktop that
becomes stacked days on a 360-px phone, at A and A+; a printed layout; the home page's block;
axe-core clean; and the office's admin screen. Screenshots go to screens/ for a person to look at."""

import datetime
import importlib
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.browser.test_accessibility import _violations
from tests.browser.test_public_ux import overflow, set_text_size
from vnportal.core.localtime import local_date

pytestmark = pytest.mark.django_db(transaction=True)
SCREENS = Path(os.environ.get("VNPORTAL_SCREENS_DIR", Path(__file__).resolve().parents[2] / "screens"))
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 900}
PASSWORD = "mat-khau-thu-1"
LONG = (
    "Hội nghị Ban Thường vụ Tỉnh ủy cho ý kiến về Đề án chuyển đổi số tỉnh Sơn Hà giai đoạn 2026 - 2030, "
    "tầm nhìn đến năm 2035, và dự thảo Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"
)


@pytest.fixture
def schedule(home):
    from vnportal.agency.models import Person, Unit
    from vnportal.core.models import SiteSettings
    from vnportal.schedule.models import Entry, Week

    settings = SiteSettings.for_site(home.get_site())
    settings.agency_name = "Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà"
    settings.save()
    leaders = [
        Person.objects.create(name="Nguyễn Văn Thành", title="Bí thư Tỉnh ủy", is_leader=True, sort_order=1),
        Person.objects.create(name="Trần Thị Hòa", title="Phó Bí thư Thường trực", is_leader=True, sort_order=2),
        Person.objects.create(name="Lê Quang Minh", title="Chủ tịch UBND tỉnh", is_leader=True, sort_order=3),
    ]
    unit = Unit.objects.create(name="Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh", slug="ban-kinh-te")
    today = local_date()
    monday = today - datetime.timedelta(days=today.weekday())
    year, number = Week.key_of(monday)
    week = Week.objects.create(year=year, week=number)
    rows = [
        (0, 1, datetime.time(7, 30), "Giao ban Thường trực Tỉnh ủy", 0),
        (0, 2, datetime.time(14, 0), LONG, 1),
        (1, 1, datetime.time(8, 0), "Tiếp công dân định kỳ", 2),
        (1, 1, datetime.time(10, 0), "Làm việc với Sở Tài chính về dự toán ngân sách", 0),
        (2, 3, datetime.time(19, 30), "Dự chương trình nghệ thuật chào mừng", 0),
        (4, 2, None, "Kiểm tra công tác phòng, chống thiên tai", 2),
        (today.weekday(), 2, datetime.time(15, 0), "Họp Ban Chỉ đạo phát triển du lịch", 1),
    ]
    for day, session, time, content, leader in rows:
        Entry.objects.create(
            week=week,
            date=monday + datetime.timedelta(days=day),
            session=session,
            time=time,
            content=content,
            venue="Hội trường Tỉnh ủy, số 1 đường Trần Hưng Đạo",
            presiding=leaders[leader],
            participants="Thường trực Tỉnh ủy; lãnh đạo các ban Đảng; Giám đốc Sở Khoa học và Công nghệ",
            preparing_unit=unit,
        )
    week.publish()
    week.record_adjustment(now=timezone.now())
    week.save()
    return {"week": week, "leaders": leaders, "monday": monday}


def _shot(page, name):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"schedule-{name}.png"), full_page=True)


def _context(chromium, viewport):
    return chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")


def test_week_is_a_table_on_a_desktop_and_stacked_days_on_a_phone(live_server, chromium, schedule):
    leader = schedule["leaders"][0]
    pages = {"week": "/lich-cong-tac/", "leader": f"/lich-cong-tac/lanh-dao/{leader.pk}/"}
    failures = []
    for viewport in (DESKTOP, PHONE):
        context = _context(chromium, viewport)
        page = context.new_page()
        try:
            for name, path in pages.items():
                assert page.goto(live_server.url + path).status == 200
                for size, label in (("", "A"), ("large", "A+")):
                    set_text_size(page, size)
                    page.wait_for_timeout(50)
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > viewport["width"]:
                        failures.append(f"{name} {viewport['width']} {label}: {width} px wide {overflow(page)}")
                    adjustment = page.locator(".schedule-adjustment")
                    assert adjustment.is_visible() and adjustment.inner_text().startswith(
                        "Điều chỉnh lần 1, cập nhật lúc"
                    )
                    table = page.locator(".schedule-table")
                    head = page.locator(".schedule-table thead")
                    day = page.locator(".schedule-table tbody tr").first
                    cells = day.locator("td")
                    if viewport is DESKTOP:
                        # Day × session: the header row shows, the three session cells sit side by side.
                        assert head.is_visible() and head.bounding_box()["height"] > 20
                        boxes = [cells.nth(i).bounding_box() for i in range(3)]
                        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
                        assert abs(boxes[0]["y"] - boxes[2]["y"]) < 1
                        assert table.bounding_box()["width"] <= page.locator("main").bounding_box()["width"] + 1
                    else:
                        # A block per day, as wide as the screen; its sessions one under the other.
                        assert head.bounding_box()["height"] <= 1  # kept for screen readers only
                        box = day.bounding_box()
                        assert 300 <= box["width"] <= 360, box
                        shown = [c.bounding_box() for c in cells.all() if c.is_visible()]
                        if name == "week":  # Monday has a morning and an afternoon
                            assert len(shown) == 2
                            assert shown[1]["y"] >= shown[0]["y"] + shown[0]["height"] - 1
                        assert page.locator(".schedule-table .entry-session").first.is_visible()
                    _shot(page, f"{name}-{viewport['width']}-{label}")
                set_text_size(page, "")
        finally:
            context.close()
    assert failures == [], "\n".join(failures)


def test_navigation_between_weeks(live_server, browser_page, schedule):
    # Nothing the Content-Security-Policy refuses, no script error, on the way.
    errors = []
    browser_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    browser_page.goto(live_server.url + "/lich-cong-tac/")
    browser_page.get_by_role("link", name="Tuần sau »").click()
    assert "Lịch công tác tuần này chưa được đăng." in browser_page.locator("main").inner_text()
    browser_page.get_by_role("link", name="Tuần này").click()
    browser_page.wait_for_url("**/lich-cong-tac/")
    assert browser_page.locator(".schedule-entry").count() == 7
    browser_page.get_by_role("link", name="Trần Thị Hòa").first.click()
    assert browser_page.locator("h1").inner_text() == "Lịch công tác của Trần Thị Hòa"
    assert browser_page.locator(".schedule-entry").count() == 2
    browser_page.goto(live_server.url + "/")
    assert browser_page.locator(".schedule-home").is_visible()
    assert errors == []


def test_printed_schedule(live_server, chromium, schedule):
    context = _context(chromium, DESKTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/lich-cong-tac/")
        assert page.locator(".schedule-nav").is_visible()
        page.emulate_media(media="print")
        for hidden in (".schedule-nav", ".schedule-leaders", ".schedule-tools", ".sidebar", ".main-nav"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.locator(".schedule-table thead").is_visible()
        assert page.locator(".schedule-table").bounding_box()["width"] > 900  # the page's full width
        assert page.locator(".print-source").is_visible()
        assert page.locator(".brand-name").is_visible()
        _shot(page, "print")
        # The same on a phone: the printer gets the table, not the stacked phone layout.
        page.set_viewport_size(PHONE)
        assert page.locator(".schedule-table thead").bounding_box()["height"] > 10
    finally:
        context.close()


def test_home_page_block(live_server, chromium, schedule):
    for viewport in (DESKTOP, PHONE):
        context = _context(chromium, viewport)
        page = context.new_page()
        try:
            page.goto(live_server.url + "/")
            block = page.locator(".schedule-home")
            assert block.is_visible()
            assert block.locator("h2").inner_text().lower() == "lịch công tác tuần này"
            assert "Họp Ban Chỉ đạo phát triển du lịch" in block.inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            block.scroll_into_view_if_needed()
            _shot(page, f"home-{viewport['width']}")
        finally:
            context.close()


def test_schedule_pages_are_axe_clean(live_server, browser_page, schedule):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    leader = schedule["leaders"][1]
    report = {}
    for path in ("/lich-cong-tac/", f"/lich-cong-tac/lanh-dao/{leader.pk}/", "/lich-cong-tac/2020/10/", "/"):
        assert browser_page.goto(live_server.url + path).status == 200
        for width in (1366, 360):
            browser_page.set_viewport_size({"width": width, "height": 900})
            found = _violations(browser_page, axe)
            if found:
                report[f"{path} {width}"] = found
    assert report == {}


def test_office_enters_a_week_in_the_admin(live_server, chromium, schedule):
    from django.apps import apps

    # A live-server test's flush empties the groups the migrations made: make them again, the same way.
    importlib.import_module("vnportal.schedule.migrations.0002_office_group").create_office(apps, None)
    user = get_user_model().objects.create_user("vanphong", "vp@example.vn", PASSWORD)
    user.groups.add(Group.objects.get(name="Văn phòng"))
    week = schedule["week"]
    for viewport in (DESKTOP, PHONE):
        context = _context(chromium, viewport)
        page = context.new_page()
        try:
            page.goto(live_server.url + "/quan-tri/login/")
            page.fill("input[name=username]", "vanphong")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/quan-tri/")
            page.goto(live_server.url + f"/quan-tri/lich-cong-tac/{week.year}/{week.week}/")
            assert page.locator("h1").first.inner_text().startswith("Lịch công tác tuần")
            legends = page.locator(".schedule-day legend")
            assert legends.count() == 7 and legends.first.inner_text().startswith("Thứ Hai, ")
            if viewport is DESKTOP:
                # A blank line under Wednesday: a time in the wrong session is refused, what was typed stays.
                wednesday = page.locator(".schedule-day").nth(2)
                blank = wednesday.locator(".schedule-row.is-new").first
                blank.locator("textarea[name$='-content']").fill("Họp trực tuyến với các huyện")
                blank.locator("input[name$='-time']").fill("15:00")
                _shot(page, "admin-typing")
                with page.expect_navigation():
                    page.get_by_role("button", name="Lưu và đăng điều chỉnh").click()
                error = page.locator(".error-message").first
                assert error.is_visible() and "không thuộc buổi sáng" in error.inner_text()
                kept = page.locator("textarea:has-text('Họp trực tuyến với các huyện')")
                assert kept.count() == 1
                _shot(page, "admin-error")
                row = kept.locator("xpath=ancestor::div[contains(@class,'schedule-row')]")
                row.locator("select[name$='-session']").select_option("2")
                with page.expect_navigation():
                    page.get_by_role("button", name="Lưu và đăng điều chỉnh").click()
                assert "Đã lưu và đăng điều chỉnh lần 2." in page.locator("body").inner_text()
            else:
                assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1
                # One field under the other: the session's select is as wide as the date's.
                first = page.locator(".schedule-row").first
                date = first.locator("select[name$='-date']").bounding_box()
                session = first.locator("select[name$='-session']").bounding_box()
                assert abs(date["width"] - session["width"]) < 2 and session["y"] > date["y"]
                _shot(page, "admin-360")
        finally:
            context.close()
    public = chromium.new_page()
    public.goto(live_server.url + "/lich-cong-tac/")
    assert "Họp trực tuyến với các huyện" in public.locator("main").inner_text()
    assert "Điều chỉnh lần 2" in public.locator(".schedule-adjustment").inner_text()
    public.close()
