"""The staff two-step enrolment screen in Chromium: Vietnamese, with a visible, sized QR code."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import GroupPagePermission, Page

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Mat-khau-rat-dai-2026"


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user("lanhdao", "ld@example.vn", PASSWORD)
    group = Group.objects.create(name="Duyệt đăng")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(codename="publish_page", content_type__app_label="wagtailcore"),
    )
    user.groups.add(group)
    return user


def test_enrolment_screen_shows_a_sized_qr_code_in_vietnamese(live_server, browser_page, publisher, settings, tmp_path):
    settings.STAFF_2FA_REQUIRED = True
    page = browser_page
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/quan-tri/xac-thuc/thiet-lap/**")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Thiết lập đăng nhập hai bước"
    assert "quét mã QR này" in page.locator("main").inner_text()
    qr = page.locator(".two-factor-qr svg")
    assert qr.is_visible()
    box = qr.bounding_box()
    # big enough to scan from a screen, square, and wholly on screen without scrolling sideways
    assert 180 <= box["width"] <= 320 and abs(box["width"] - box["height"]) < 1, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    # dark modules on a white ground, drawn here (no image from another site)
    assert page.locator(".two-factor-qr svg path").count() >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('.two-factor-qr svg')).backgroundColor") in (
        "rgb(255, 255, 255)",
    )
    external = page.evaluate(
        "[...document.querySelectorAll('img,script,link,iframe')].map(e => e.src || e.href)"
        ".filter(u => u && !u.startsWith(location.origin))"
    )
    assert external == []
    page.screenshot(path=str(tmp_path / "enrol.png"), full_page=True)
    # on a 360 px phone the code still fits, whole, with no sideways scrolling
    page.set_viewport_size({"width": 360, "height": 740})
    box = qr.bounding_box()
    assert box["width"] >= 180 and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    device = TOTPDevice.objects.get(user=publisher)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.fill("#id_code", f"{totp.token():06d}")
    page.click("button:has-text('Xác nhận và bật')")
    assert page.locator("h1").inner_text() == "Đăng nhập hai bước đã được bật"
    assert page.locator(".two-factor-codes li").count() == 10
    page.click("a:has-text('Tiếp tục vào trang quản trị')")
    page.wait_for_url(live_server.url + "/quan-tri/")
    assert page.locator("#main").is_visible()
