"""A reader and an editor, in Chromium."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

# Live-server tests commit for real; after each, the flush is followed by post_migrate,
# which puts the home page and default site back (vnportal.news.bootstrap).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(make_article, make_section):
    section = make_section("Xây dựng Đảng")
    article = make_article(
        "Nâng cao chất lượng sinh hoạt chi bộ",
        parent=section,
        signoff="HY-VPTU",
        lead="Nhiều chi bộ đã đổi mới nội dung sinh hoạt.",
        body=[("paragraph", "<p>Đoạn văn đầu tiên của bài.</p>")],
    )
    return article


def test_reader_opens_home_and_article(live_server, browser_page, published):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("nav[aria-label='Menu chính']").get_by_role("link", name="Xây dựng Đảng").is_visible()
    link = page.get_by_role("link", name="Nâng cao chất lượng sinh hoạt chi bộ").first
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/nang-cao-chat-luong-sinh-hoat-chi-bo/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nâng cao chất lượng sinh hoạt chi bộ"
    assert page.get_by_text("Nhiều chi bộ đã đổi mới nội dung sinh hoạt.").is_visible()
    assert page.get_by_text("Đoạn văn đầu tiên của bài.").is_visible()
    assert page.get_by_text("HY-VPTU").is_visible()
    assert page.get_by_text("Thứ Sáu, 13/11/2020 15:30").is_visible()
    assert page.locator("main").get_by_role("link", name="Về đầu trang").is_visible()
    # The skip link is the first thing a keyboard reaches, and it is visible when focused.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    assert skip.evaluate("el => el === document.activeElement") and skip.is_visible()


def test_text_size_control(live_server, browser_page, published):
    page = browser_page
    page.goto(live_server.url + published.url)
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger > base
    page.reload()  # remembered
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == larger
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == base


def test_phone_layout_has_no_horizontal_scroll(live_server, chromium, published):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    try:
        for url in ("/", published.url):
            page.goto(live_server.url + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
        menu = page.get_by_role("button", name="Danh mục")
        assert menu.is_visible()
        assert not page.locator("#main-menu").is_visible()
        menu.click()
        assert page.locator("#main-menu").is_visible()
    finally:
        context.close()


TITLES = {
    "Đại hội Đảng bộ tỉnh lần thứ XVII": "dai-hoi-dang-bo-tinh-lan-thu-xvii",
    "Tỉnh uỷ Sơn Hà: Hội nghị lần thứ 3": "tinh-uy-son-ha-hoi-nghi-lan-thu-3",
    # Issue 13: separators between numbers and letters stay (they were dropped: "05012020").
    "Quốc phòng – An ninh ngày 05/01/2020": "quoc-phong-an-ninh-ngay-05-01-2020",
    "Nghị quyết số 57-NQ/TW về đột phá khoa học": "nghi-quyet-so-57-nq-tw-ve-dot-pha-khoa-hoc",
    "Quyết định 42/2022/NĐ-CP của Chính phủ": "quyet-dinh-42-2022-nd-cp-cua-chinh-phu",
    "Công văn 1234/UBND-VX; tăng trưởng 8,1%": "cong-van-1234-ubnd-vx-tang-truong-8-1",
    "“Bình dân học vụ số” (kỳ 2)…": "binh-dan-hoc-vu-so-ky-2",
    "Đảng’s _test_ [A+B]": "dangs-test-a-b",
}


def test_admin_live_slug_matches_the_server(live_server, browser_page, section):
    from vnportal.core.text import slugify

    get_user_model().objects.create_superuser("bientap", "bt@example.vn", "mat-khau-thu")
    page = browser_page
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url("**/quan-tri/")
    for title, expected in TITLES.items():
        assert slugify(title) == expected
        page.goto(f"{live_server.url}/quan-tri/pages/add/news/articlepage/{section.pk}/")
        page.locator("#id_title").press_sequentially(title)
        page.locator("#id_title").blur()
        slug = page.locator("#id_slug")
        slug.wait_for(state="attached")
        expect(slug).to_have_value(expected)
