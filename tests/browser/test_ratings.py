"""Ratings in Chromium: "Có" on a cached article, the form without JavaScript, the widget and the
survey on a 360 px phone at A and A+, axe-core on the new pages, the dashboard in the admin.

Screenshots go to screens/ (git-ignored) for a person to look at."""

import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.ratings.support import totals
from vnportal.core.localtime import local_date
from vnportal.ratings.models import SurveyResponse
from vnportal.ratings.store import get_store

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = Path(__file__).resolve().parents[2] / "screens"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 900}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def cached_article(page_cache, live_server, make_article):
    article = make_article("Sơn Hà khởi công tuyến đường ven sông Lam", lead="Tuyến đường dài 12 km nối ba xã.")
    url = live_server.url + article.url
    urllib.request.urlopen(url).read()  # another reader renders and stores it
    with urllib.request.urlopen(url) as response:
        assert response.headers["X-Page-Cache"] == "HIT"
        assert response.headers.get("Set-Cookie") is None
    get_store().reset()
    return article, url


def _context(chromium, viewport=DESKTOP, **options):
    return chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options)


def _text_size(page, size):
    page.evaluate(
        "size => { if (size) document.documentElement.dataset.textSize = size;"
        " else delete document.documentElement.dataset.textSize; }",
        size,
    )
    page.wait_for_timeout(50)


def _scroll(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_clicking_yes_on_a_cached_article_shows_the_thank_you(chromium, cached_article):
    article, url = cached_article
    context = _context(chromium)
    try:
        page = context.new_page()
        response = page.goto(url)
        assert response.headers["x-page-cache"] == "HIT"
        page.evaluate("window.__notReloaded = true")
        widget = page.locator("#danh-gia")
        assert widget.locator(".rating-title").inner_text() == "Thông tin này có hữu ích không?"
        widget.locator("button.rating-yes").click()
        message = widget.locator(".rating-message")
        message.wait_for(state="visible")
        assert message.inner_text() == "Cảm ơn bạn! Đánh giá của bạn đã được ghi nhận."
        assert page.evaluate("window.__notReloaded") is True and widget.locator("form").is_hidden()
        assert any(cookie["name"] == "vnportal_rater" for cookie in context.cookies())
        widget.screenshot(path=str(SCREENS / "rating-thanks-1366.png"))
        get_store().flush()
        assert totals(f"p:{article.pk}") == {"yes": 1, "no": 0}
        # The next visit is still the shared copy (the rater's cookie does not bypass the cache).
        assert page.goto(url).headers["x-page-cache"] == "HIT"
    finally:
        context.close()


def test_without_javascript_the_form_posts_and_comes_back_with_a_thank_you(chromium, cached_article):
    article, url = cached_article
    context = _context(chromium, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url)
        page.locator("#danh-gia summary").click()
        page.select_option("#rating-reason", "outdated")
        page.fill("#rating-text", "Số liệu của năm ngoái")
        with page.expect_navigation():
            page.locator("button.rating-no").click()
        assert page.url.endswith(f"{article.url}?danh-gia=cam-on#danh-gia")
        assert "Cảm ơn bạn! Đánh giá của bạn đã được ghi nhận." in page.locator("#danh-gia").inner_text()
        get_store().flush()
        assert totals(f"p:{article.pk}") == {"yes": 0, "no": 1}
    finally:
        context.close()


def test_the_widget_on_a_phone_at_a_and_a_plus(chromium, cached_article):
    _article, url = cached_article
    SCREENS.mkdir(exist_ok=True)
    failures = []
    for viewport in (PHONE, DESKTOP):
        context = _context(chromium, viewport=viewport)
        page = context.new_page()
        try:
            page.goto(url)
            widget = page.locator("#danh-gia")
            page.locator("#danh-gia summary").click()  # the reasons open: the widget at its largest
            for size, label in (("", "A"), ("large", "A+")):
                _text_size(page, size)
                widget.scroll_into_view_if_needed()
                box = widget.bounding_box()
                main = page.locator("main").bounding_box()
                yes, no = (
                    page.locator("button.rating-yes").bounding_box(),
                    page.locator("button.rating-no").bounding_box(),
                )
                name = f"{viewport['width']} px {label}"
                if viewport is PHONE and _scroll(page) > 360:
                    failures.append(f"{name}: scrolls sideways ({_scroll(page)} px)")
                if box["x"] < main["x"] - 1 or box["x"] + box["width"] > main["x"] + main["width"] + 1:
                    failures.append(f"{name}: the widget leaves the main column {box} {main}")
                if min(yes["height"], no["height"]) < 44 or min(yes["width"], no["width"]) < 80:
                    failures.append(f"{name}: buttons too small {yes} {no}")
                if abs(yes["y"] - no["y"]) > 1:
                    failures.append(f"{name}: Có and Không are not side by side")
                select = page.locator("#rating-reason").bounding_box()
                if select["x"] + select["width"] > box["x"] + box["width"]:
                    failures.append(f"{name}: the reason list sticks out")
                assert page.locator("#rating-reason").is_visible() and page.locator("#rating-text").is_visible()
                widget.screenshot(path=str(SCREENS / f"rating-widget-{viewport['width']}-{label}.png"))
            page.screenshot(path=str(SCREENS / f"rating-article-{viewport['width']}.png"), full_page=True)
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def _wait_verified(page, timeout=20_000):
    """The guard's widget has solved its proof of work (its hidden input holds the payload)."""
    page.wait_for_function(
        "() => { const i = document.querySelector('altcha-widget input[name=altcha]');"
        " return i && i.value && i.value.length > 20; }",
        timeout=timeout,
    )


def test_the_survey_on_a_phone_errors_keep_what_was_typed_then_thanks(chromium, live_server, settings):
    # The browser answers faster than a person; the issue time is tested in tests/ratings.
    settings.GUARD_MIN_FILL_SECONDS = 0
    context = _context(chromium, viewport=PHONE)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    try:
        page.goto(live_server.url + "/danh-gia/")
        assert page.locator("h1").inner_text() == "Khảo sát mức độ hài lòng về Cổng thông tin"
        _wait_verified(page)
        for size, label in (("", "A"), ("large", "A+")):
            _text_size(page, size)
            assert _scroll(page) <= 360, f"survey at {label} scrolls sideways"
            widget = page.locator("altcha-widget").bounding_box()
            assert widget and widget["height"] >= 20 and widget["x"] >= 0 and widget["x"] + widget["width"] <= 360
            send = page.locator("button.survey-submit").bounding_box()
            assert send["x"] + send["width"] <= 360 and send["height"] >= 32, send
            page.screenshot(path=str(SCREENS / f"survey-360-{label}.png"), full_page=True)
        assert "Đã kiểm tra" in page.locator("altcha-widget").inner_text()
        _text_size(page, "")
        trap = page.locator("input[name=website]").bounding_box()
        assert trap is None or trap["x"] + trap["width"] <= 0, f"honeypot visible at {trap}"
        page.check("#id_interface_3")  # 4 – Tốt
        page.check("#id_content_4")
        page.check("#id_quality_2")
        page.fill("#id_comment", "Nên có thêm lịch tiếp công dân.")
        with page.expect_navigation():
            page.click("button.survey-submit")
        assert "Vui lòng chọn điểm cho tiêu chí này." in page.locator("#criterion-support").inner_text()
        assert page.input_value("#id_comment") == "Nên có thêm lịch tiếp công dân."
        assert page.is_checked("#id_interface_3") and page.is_checked("#id_quality_2")
        assert _scroll(page) <= 360
        page.screenshot(path=str(SCREENS / "survey-360-error.png"), full_page=True)
        page.check("#id_support_4")
        _wait_verified(page)  # the page came back with a fresh challenge: solved again
        with page.expect_navigation():
            page.click("button.survey-submit")
        assert "Cảm ơn bạn đã tham gia khảo sát." in page.locator("main").inner_text()
        row = SurveyResponse.objects.get()
        assert (row.interface, row.content, row.quality, row.support) == (4, 5, 3, 5)
        assert row.held is False  # the widget's proof of work was accepted
    finally:
        context.close()
    # The form sent with a score missing comes back as a 400 page (on purpose); nothing else may fail.
    assert [text for text in console if "status of 400" not in text] == []


def test_axe_finds_nothing_serious_on_the_new_pages(chromium, cached_article, live_server):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    _article, url = cached_article
    context = _context(chromium)
    page = context.new_page()
    report = {}
    try:
        states = [
            ("article with the widget", url, "#danh-gia summary"),
            ("thank-you", url + "?danh-gia=cam-on", None),
            ("survey", live_server.url + "/danh-gia/", None),
        ]
        for name, address, click in states:
            page.goto(address)
            if click:
                page.locator(click).click()
            found = [
                f"{v['id']} ({v['impact']}): {v['help']}"
                for v in axe.run(page).response["violations"]
                if v.get("impact") in BLOCKING
            ]
            if found:
                report[name] = found
        # The survey with errors shown.
        page.goto(live_server.url + "/danh-gia/")
        with page.expect_navigation():
            page.click("button.survey-submit")
        found = [v["id"] for v in axe.run(page).response["violations"] if v.get("impact") in BLOCKING]
        if found:
            report["survey with errors"] = found
    finally:
        context.close()
    assert report == {}


def test_the_dashboard_in_the_admin(chromium, live_server, cached_article, django_user_model):
    article, url = cached_article
    for n, answer in enumerate(("yes", "yes", "no")):
        from vnportal.ratings import items

        Client().post(
            "/danh-gia/y-kien/",
            {"t": items.sign(f"p:{article.pk}"), "answer": answer, "reason": "missing" if answer == "no" else ""},
            REMOTE_ADDR=f"198.51.100.{n + 1}",
            HTTP_ACCEPT="application/json",
        )
    get_store().flush()
    SurveyResponse.objects.create(day=local_date(), visitor="g:a", interface=5, content=4, quality=4, support=3)
    # One answer sent without JavaScript: held, shown as a number apart from the counts.
    SurveyResponse.objects.create(
        day=local_date(), visitor="g:b", interface=1, content=1, quality=1, support=1, held=True
    )
    staff = django_user_model.objects.create_user("thongke", "tk@example.vn", "mat-khau-thu-1", is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_statistics")
    )
    client = Client()
    client.force_login(staff)
    session = client.cookies["sessionid"].value
    for viewport in (DESKTOP, PHONE):
        context = _context(chromium, viewport=viewport)
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        try:
            page.goto(live_server.url + "/quan-tri/thong-ke/")
            page.get_by_role("link", name="Đánh giá").first.click()
            page.wait_for_url("**/quan-tri/thong-ke/danh-gia/")
            text = page.locator("main").inner_text()
            assert "Thông tin này có hữu ích không? — theo mục" in text and article.title in text
            assert "67%" in text and "Thiếu thông tin: 1" in text
            assert "Khảo sát mức độ hài lòng về Cổng thông tin (1 phiếu)" in text
            held = page.get_by_text("Còn 1 câu trả lời gửi không qua bước kiểm tra trình duyệt")
            assert held.is_visible()
            box = held.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
            page.screenshot(path=str(SCREENS / f"ratings-dashboard-{viewport['width']}.png"), full_page=True)
        finally:
            context.close()
