"""Liên hệ in Chromium: the page at 360 and 1,366 px at A and A+, the ALTCHA widget solving
under our CSP (no console error), a message sent with and without JavaScript, axe-core clean,
and the inbox as a unit's staff sees it. Screenshots go to screens/ (git-ignored)."""

import time
from pathlib import Path

import pytest

from tests.browser.test_accessibility import _violations, axe  # noqa: F401
from tests.browser.test_public_ux import overflow, set_text_size

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = Path(__file__).resolve().parents[2] / "screens"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 800}


@pytest.fixture
def contact_site(home, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from vnportal.agency.models import Unit
    from vnportal.contact.models import ContactMessage
    from vnportal.core.models import SiteSettings

    settings.GUARD_MIN_FILL_SECONDS = 1
    site = SiteSettings.for_site(home.get_site())
    site.agency_name = "Cổng thông tin điện tử tỉnh Sơn Hà"
    site.address = "Số 1 đường Trần Hưng Đạo, thành phố Sơn Hà"
    site.phone = "0210 3 822 000"
    site.email = "cong@sonha.example.vn"
    site.save()
    office = Unit.objects.create(
        name="Văn phòng Ủy ban nhân dân tỉnh Sơn Hà",
        slug="van-phong",
        kind=Unit.Kind.OFFICE,
        address="Số 1 đường Trần Hưng Đạo, phường Hà Giang, thành phố Sơn Hà",
        phone="0210 3 822 111",
        email="vanphong-ubnd-tinh-son-ha@sonha.gov.vn.example",
    )
    land = Unit.objects.create(
        name="Sở Tài nguyên và Môi trường tỉnh Sơn Hà",
        slug="so-tnmt",
        kind=Unit.Kind.DEPARTMENT,
        address="Số 25 đường Lê Lợi, phường Minh Khai",
        phone="0210 3 822 456",
    )
    staff = get_user_model().objects.create_user("canbovp", "canbovp@example.vn", "mat-khau-thu-nghiem")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    office.staff.add(staff)
    ContactMessage.objects.create(
        unit=land, name="Người khác", email="k@example.vn", subject="Thư của Sở Tài nguyên", message="x"
    )
    return {"office": office, "land": land, "staff": staff}


def _context(chromium, viewport, **kw):
    return chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **kw)


def _wait_verified(page, timeout=20_000):
    page.wait_for_function(
        "() => { const i = document.querySelector('altcha-widget input[name=altcha]');"
        " return i && i.value && i.value.length > 20; }",
        timeout=timeout,
    )


def _fill(page, unit):
    page.fill("#id_name", "Nguyễn Thị Hoa")
    page.fill("#id_email", "hoa@example.vn")
    page.fill("#id_phone", "0912 345 678")
    page.select_option("#id_unit", str(unit.pk))
    page.fill("#id_subject", "Hỏi về giờ tiếp công dân")
    page.fill("#id_message", "Xin cho biết giờ tiếp công dân của Văn phòng vào thứ Bảy.")
    page.check("#id_consent")


def test_the_page_at_360_and_1366_px_at_a_and_a_plus(live_server, chromium, contact_site):
    SCREENS.mkdir(exist_ok=True)
    failures, console = [], []
    for viewport in (PHONE, DESKTOP):
        context = _context(chromium, viewport)
        page = context.new_page()
        page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: console.append(str(e)))
        try:
            assert page.goto(live_server.url + "/lien-he/").status == 200
            _wait_verified(page)
            for size, label in (("", "A"), ("large", "A+")):
                set_text_size(page, size)
                page.wait_for_timeout(100)
                spill = overflow(page)
                if page.evaluate("document.documentElement.scrollWidth") > viewport["width"]:
                    failures.append(f"{viewport['width']} {label}: scrolls sideways {spill}")
                send = ".contact-write button[type=submit]"
                for selector in ("#id_name", "#id_message", "#id_unit", "#id_consent", send):
                    box = page.locator(selector).bounding_box()
                    if not box or box["x"] < 0 or box["x"] + box["width"] > viewport["width"]:
                        failures.append(f"{viewport['width']} {label}: {selector} not within the page ({box})")
                submit = page.locator(".contact-write button[type=submit]").bounding_box()
                if submit["height"] < 32:
                    failures.append(f"{viewport['width']} {label}: send button {submit['height']} px high")
                if viewport is PHONE:
                    field = page.locator("#id_message").bounding_box()
                    if field["width"] < 280:
                        failures.append(f"360 {label}: message box only {field['width']} px wide")
                # the honeypot is in the DOM for scripts but nowhere a sighted person looks
                trap = page.locator("input[name=website]").bounding_box()
                if trap and trap["x"] + trap["width"] > 0:
                    failures.append(f"{viewport['width']} {label}: honeypot visible at {trap}")
                widget = page.locator("altcha-widget").bounding_box()
                if not widget or widget["height"] < 20 or widget["x"] + widget["width"] > viewport["width"]:
                    failures.append(f"{viewport['width']} {label}: widget box {widget}")
                page.screenshot(path=str(SCREENS / f"contact-{viewport['width']}-{label}.png"), full_page=True)
            set_text_size(page, "")
            assert "Đã kiểm tra" in page.locator("altcha-widget").inner_text()  # our Vietnamese words
        finally:
            context.close()
    blocked = [text for text in console if "Content Security Policy" in text or "Refused" in text]
    assert not blocked, blocked
    assert not console, console
    assert not failures, "\n".join(failures)


def test_sent_with_javascript_is_accepted_and_without_it_held(live_server, chromium, contact_site):
    from vnportal.contact.models import ContactMessage

    context = _context(chromium, PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/lien-he/")
        _fill(page, contact_site["office"])
        _wait_verified(page)
        time.sleep(1.1)  # GUARD_MIN_FILL_SECONDS
        page.click(".contact-write button[type=submit]")
        page.wait_for_url("**/lien-he/da-gui/")
        assert "Cảm ơn" in page.locator("main").inner_text()
        page.screenshot(path=str(SCREENS / "contact-sent-360.png"), full_page=True)
    finally:
        context.close()
    sent = ContactMessage.objects.get(subject="Hỏi về giờ tiếp công dân")
    assert not sent.held and sent.unit == contact_site["office"]

    context = _context(chromium, PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/lien-he/")
        assert page.locator("noscript").count() == 1
        _fill(page, contact_site["land"])
        page.fill("#id_subject", "Gửi khi tắt JavaScript")
        time.sleep(1.1)
        page.click(".contact-write button[type=submit]")
        page.wait_for_url("**/lien-he/da-gui/?cho-duyet=1")
        assert "JavaScript" in page.locator("main").inner_text()
    finally:
        context.close()
    assert ContactMessage.objects.get(subject="Gửi khi tắt JavaScript").held


def test_errors_keep_the_text_and_the_page_is_axe_clean(live_server, chromium, contact_site, axe):  # noqa: F811
    context = _context(chromium, DESKTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/lien-he/")
        _wait_verified(page)
        assert _violations(page, axe) == []
        _fill(page, contact_site["office"])
        page.uncheck("#id_consent")
        time.sleep(1.1)
        page.click(".contact-write button[type=submit]")
        page.wait_for_load_state()
        assert "Vui lòng đồng ý" in page.locator("main").inner_text()
        assert page.input_value("#id_message") == "Xin cho biết giờ tiếp công dân của Văn phòng vào thứ Bảy."
        assert page.input_value("#id_name") == "Nguyễn Thị Hoa"
        _wait_verified(page)  # a fresh challenge, solved again
        assert _violations(page, axe) == []
        page.screenshot(path=str(SCREENS / "contact-error-1366.png"), full_page=True)
    finally:
        context.close()


def test_the_inbox_as_unit_staff(live_server, chromium, contact_site):
    from vnportal.contact.models import ContactMessage

    ContactMessage.objects.create(
        unit=contact_site["office"],
        name="Trần Văn Bình",
        email="binh@example.vn",
        subject="Đề nghị đăng lịch tiếp công dân",
        message="Đề nghị Văn phòng đăng lịch tiếp công dân định kỳ.",
        held=True,
    )
    for viewport in (DESKTOP, PHONE):
        context = _context(chromium, viewport)
        page = context.new_page()
        try:
            page.goto(live_server.url + "/quan-tri/login/")
            page.fill("input[name=username]", "canbovp")
            page.fill("input[name=password]", "mat-khau-thu-nghiem")
            page.click("button[type=submit]")
            page.wait_for_url("**/quan-tri/")
            page.goto(live_server.url + "/quan-tri/lien-he/")
            text = page.locator("main").inner_text()
            assert "Thư liên hệ" in text and "Đề nghị đăng lịch tiếp công dân" in text
            assert "chờ kiểm duyệt" in text.lower()
            assert "Thư của Sở Tài nguyên" not in text
            page.screenshot(path=str(SCREENS / f"contact-inbox-{viewport['width']}.png"), full_page=True)
            page.click("text=Đề nghị đăng lịch tiếp công dân")
            page.wait_for_load_state()
            assert "Trần Văn Bình" in page.locator("main").inner_text()
            page.screenshot(path=str(SCREENS / f"contact-message-{viewport['width']}.png"), full_page=True)
        finally:
            context.close()


def test_the_shipped_cost_is_solved_in_seconds(live_server, chromium, contact_site, settings):
    """GUARD_POW_COST as shipped (the test settings make it cheap): how long a browser works."""
    from vnportal.settings.base import GUARD_POW_COST

    settings.GUARD_POW_COST = GUARD_POW_COST
    context = _context(chromium, PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/lien-he/")
        start = time.monotonic()
        _wait_verified(page, timeout=60_000)
        took = time.monotonic() - start
    finally:
        context.close()
    print(f"proof of work at cost {GUARD_POW_COST}: solved in {took:.2f} s")
    assert took < 20
