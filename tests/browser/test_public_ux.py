"""What readers meet (issue 13, public side), looked at in Chromium: phones, listings, print, search, the rest.

The site is a small portal built by the ``demo`` fixture (sections, articles with and without images and with
long leads, documents, a poll); the demo command's own content takes a minute to build, this takes seconds.
With ``VNPORTAL_SCREENS=<dir>`` the walk also writes screenshots of every page type at 1,366 and 360 px, at A
and A+, for a person to look at.
"""

import datetime
import io
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

PORTAL = "Cổng thông tin điện tử Đảng bộ tỉnh Sơn Hà"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 800}


LONG_LEAD = (
    "Sáng nay, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết sáu tháng thực hiện Nghị quyết về chuyển đổi số, "
    "đánh giá kết quả đạt được ở các sở, ngành, huyện, thành phố và đề ra nhiệm vụ trọng tâm cho những tháng "
    "cuối năm, trong đó nhấn mạnh việc đưa dịch vụ công trực tuyến toàn trình đến gần hơn với người dân."
)


def _image(seed):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from vnportal.news.demo.images import landscape_png

    return get_image_model().objects.create(
        title=f"Ảnh {seed}",
        file=ImageFile(io.BytesIO(landscape_png(seed, (165, 15, 21), (480, 300))), name=f"a{seed}.png"),
    )


@pytest.fixture
def demo(make_section, make_article, home, section):
    """A small portal: two sections, articles with and without images and with a long lead, a tag,
    documents and the current poll (the demo command's content takes a minute to build; this, seconds)."""
    from tests.support.documents import make_document
    from vnportal.core.models import SiteSettings
    from vnportal.polls.models import Choice, Poll

    settings = SiteSettings.for_site(home.get_site())
    settings.agency_name = PORTAL
    settings.agency_subtitle = "Cơ quan của Tỉnh ủy Sơn Hà"
    settings.phone = "0200 3 123 456"
    settings.email = "banbientap@sonha.example.vn"
    settings.address = "Số 1 đường Trần Hưng Đạo, thành phố Sơn Hà"
    settings.save()
    news = section  # "Tin tức - Sự kiện", where make_article puts articles by default
    party = make_section("Xây dựng Đảng")
    base = timezone.make_aware(datetime.datetime(2026, 11, 20, 8, 0))
    articles = []
    for index in range(12):
        articles.append(
            make_article(
                f"Hội nghị số {index}: Ban Chấp hành Đảng bộ tỉnh bàn nhiệm vụ chuyển đổi số cuối năm",
                parent=news if index % 2 else party,
                lead=LONG_LEAD,
                hero_image=_image(index) if index % 3 else None,
                display_date=base - datetime.timedelta(days=index),
                featured=index == 0,
                tags=["Chuyển đổi số"],
                body=[("paragraph", "<p>Đoạn văn của bài viết.</p>")],
            )
        )
    for index in range(8):
        make_document(
            f"{index + 10}-NQ/TU",
            "Về lãnh đạo thực hiện chuyển đổi số trong các cơ quan đảng, chính quyền, Mặt trận Tổ quốc và "
            "các đoàn thể chính trị - xã hội của tỉnh giai đoạn 2026 - 2030",
            issuer="Ban Chấp hành Đảng bộ tỉnh",
            issued_on=datetime.date(2026, 1, 5 + index),
        )
    now = timezone.now()
    poll = Poll.objects.create(
        question="Bạn đánh giá thế nào về chất lượng thông tin trên Cổng?",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=10),
        published=True,
        is_current=True,
        results_visibility=Poll.Visibility.ALWAYS,
    )
    for order, text in enumerate(["Rất hữu ích", "Hữu ích", "Cần cải thiện"]):
        Choice.objects.create(poll=poll, text=text, sort_order=order)
    from vnportal.library.models import Document

    with_image = next(a for a in articles if a.hero_image_id)
    return {
        "section": news,
        "articles": articles,
        "article": with_image,
        "tag": with_image.tags.first(),
        "document": Document.objects.first(),
        "poll": poll,
    }


def public_pages(demo):
    return {
        "home": "/",
        "section": demo["section"].url,
        "article": demo["article"].url,
        "tag": f"/the/{demo['tag'].slug}/",
        "search": "/tim-kiem/?q=" + "đại hội",
        "search-empty": "/tim-kiem/?q=xyzzy",
        "library": "/van-ban/",
        "document": demo["document"].get_absolute_url(),
        "polls": "/binh-chon/",
        "poll": f"/binh-chon/{demo['poll'].pk}/",
        "site-map": "/so-do-cong/",
        "login": "/thanh-vien/dang-nhap/",
        "register": "/thanh-vien/dang-ky/",
        "404": "/khong-co-trang-nay/",
    }


def set_text_size(page, size):
    page.evaluate(
        "size => { if (size) document.documentElement.dataset.textSize = size;"
        " else delete document.documentElement.dataset.textSize; }",
        size,
    )


def overflow(page):
    """How far the page scrolls sideways, and the elements that stick out of the viewport."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const wide = [];
        document.querySelectorAll('body *').forEach(el => {
          const r = el.getBoundingClientRect();
          if (r.width && r.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
            wide.push((el.className || el.tagName) + ' ' + Math.round(r.right));
          }
        });
        return {scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5)};
      }"""
    )


def test_every_public_page_fits_a_phone_at_a_and_a_plus(live_server, chromium, demo):
    shots = os.environ.get("VNPORTAL_SCREENS")
    failures = []
    heights = {}
    for viewport in (PHONE, DESKTOP) if shots else (PHONE,):
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            for name, path in public_pages(demo).items():
                response = page.goto(live_server.url + path)
                assert response.status == (404 if name == "404" else 200), (name, response.status)
                # Every tab title names the portal.
                if PORTAL not in page.title():
                    failures.append(f"{name}: title {page.title()!r}")
                for size, label in (("", "A"), ("large", "A+")):
                    set_text_size(page, size)
                    page.wait_for_timeout(50)
                    if viewport is PHONE:
                        spill = overflow(page)
                        if spill["scroll"] > 0:
                            failures.append(f"{name} at {label}: scrolls {spill['scroll']} px sideways {spill['wide']}")
                        header = page.locator(".site-header").bounding_box()["height"]
                        heights[(name, label)] = header
                        if header > 800 / 5:
                            failures.append(f"{name} at {label}: header {header:.0f} px")
                    if shots:
                        Path(shots).mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=f"{shots}/{name}-{viewport['width']}-{label}.png", full_page=False)
                set_text_size(page, "")
        finally:
            context.close()
    assert not failures, "\n".join(failures)
    assert max(heights.values()) <= 160


def test_the_library_becomes_stacked_cards_on_a_phone(live_server, chromium, demo):
    context = chromium.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/van-ban/")
        rows = page.locator(".document-table tbody tr")
        assert rows.count() == 8
        assert page.locator(".document-table thead").bounding_box()["height"] <= 1  # kept for screen readers
        for index in range(3):
            box = rows.nth(index).bounding_box()
            assert box["width"] <= 360 and box["width"] >= 300  # a card as wide as the screen
            card = rows.nth(index)
            number, summary, date, status = (
                card.locator(f".document-{part}").bounding_box() for part in ("number", "summary", "date", "status")
            )
            # Number, then the summary on the card's full width (not a word-per-line column), then the date
            # and validity together on one line.
            assert number["y"] < summary["y"] < date["y"] and abs(date["y"] - status["y"]) < 2
            assert summary["width"] >= 300 and number["width"] >= 300
            assert date["x"] + date["width"] <= status["x"]
        # The whole list of a page of documents stays a scroll, not a wall.
        height = page.evaluate("document.querySelector('.document-table').getBoundingClientRect().height")
        assert height / rows.count() < 240, height / rows.count()
        date_label = page.evaluate("getComputedStyle(document.querySelector('.document-date'), '::before').content")
        assert "Ngày ban hành" in date_label
    finally:
        context.close()


def test_listings_are_compact_rows_and_the_home_page_never_repeats_a_story(live_server, chromium, demo):
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    try:
        for path in (demo["section"].url, f"/the/{demo['tag'].slug}/", "/tim-kiem/?q=chuyển+đổi+số"):
            page.goto(live_server.url + path)
            rows = page.locator(".row-item")
            assert rows.count() >= 5, path
            for index in range(rows.count()):
                row = rows.nth(index)
                thumb = row.locator(".row-thumb").bounding_box()
                title = row.locator("h2").bounding_box()
                box = row.bounding_box()
                # Thumbnail beside the title (not a 670 × 420 picture above it), a short row.
                assert thumb["width"] <= 220 and thumb["height"] <= 140, (path, thumb)
                assert title["x"] >= thumb["x"] + thumb["width"], path
                assert box["height"] <= 200, (path, box)
                assert row.locator("time").is_visible()
                if "tim-kiem" not in path:
                    lead = row.locator(".row-lead").inner_text()
                    assert lead.endswith("…") and len(lead) <= 161, lead
                    # Cut at a word: what precedes "…" is a whole word of the lead.
                    assert (lead[:-1].rstrip(" ,;:") + " ") in (LONG_LEAD + " "), lead
            assert page.locator(".row-thumb > img").count() >= 3, path  # articles show their own picture
            # An article without an image gets the placeholder: the portal's emblem on its colours, photo-sized.
            placeholder = page.locator(".row-thumb .thumb-placeholder").first
            assert placeholder.is_visible()
            size = placeholder.bounding_box()
            assert size["width"] >= 150 and 0.55 < size["height"] / size["width"] < 0.7
            background = placeholder.evaluate("el => getComputedStyle(el).backgroundImage")
            assert "gradient" in background and placeholder.locator("img").bounding_box()["width"] >= 30
        page.goto(live_server.url + "/")
        cards = page.locator("main .card .card-title a")
        links = [cards.nth(i).get_attribute("href") for i in range(cards.count())]
        assert len(links) >= 10 and len(links) == len(set(links)), links
        featured = demo["articles"][0].url
        assert links.count(featured) == 1
        # Cards without an image are not blank: the placeholder fills the image slot.
        for index in range(cards.count()):
            image_slot = page.locator("main .card").nth(index).locator(".card-image").bounding_box()
            assert image_slot and image_slot["height"] > 50
    finally:
        context.close()


def test_printing_the_article_page(live_server, chromium, demo):
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + demo["article"].url)
        # One "In" link (no "In bài" and "Bản in" side by side).
        tools = page.locator(".article-tools")
        assert tools.get_by_role("link", name="In bài").count() == 1
        assert tools.get_by_text("Bản in").count() == 0
        assert page.locator(".related").is_visible()
        page.emulate_media(media="print")
        assert page.locator(".brand-name").is_visible() and page.locator(".brand-name").inner_text().lower() == (
            PORTAL.lower()
        )
        assert page.locator(".brand-emblem").is_visible()
        assert page.locator(".article-title").is_visible() and page.locator(".article-body").is_visible()
        source = page.locator(".print-source")
        assert source.is_visible() and demo["article"].url in source.inner_text()
        for hidden in (".related", ".sidebar", ".main-nav", ".article-tools", ".header-search", ".breadcrumbs"):
            assert not page.locator(hidden).first.is_visible(), hidden
        # The footer is readable: dark text on a light background, phone and e-mail included.
        colours = page.evaluate(
            """() => {
              const footer = getComputedStyle(document.querySelector('.site-footer')).backgroundColor;
              return [...document.querySelectorAll('.site-footer, .site-footer a, .site-footer p')]
                .map(el => [getComputedStyle(el).color, footer]);
            }"""
        )
        for colour, background in colours:
            assert _luminance(colour) < 0.2 and _luminance(background) > 0.9, (colour, background)
        footer = page.locator(".site-footer").inner_text()
        assert "0200 3 123 456" in footer and "banbientap@sonha.example.vn" in footer
        # The brand prints dark too (it is gold on red on screen).
        assert _luminance(page.locator(".brand-name").evaluate("el => getComputedStyle(el).color")) < 0.2
        if os.environ.get("VNPORTAL_SCREENS"):
            page.screenshot(path=f"{os.environ['VNPORTAL_SCREENS']}/article-print.png", full_page=True)
    finally:
        context.close()


def _luminance(css_colour):
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_search_filters_partial_matches_and_the_empty_state(live_server, chromium, demo, make_article):
    make_article("Đối thoại với nhân dân xã Tân Lập", lead="Lãnh đạo tỉnh lắng nghe ý kiến của bà con.")
    make_article("Nhân dân vùng cao sống đời thoải mái hơn", lead="Thu nhập bình quân tăng gấp đôi sau năm năm.")
    context = chromium.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/tim-kiem/?q=đối+thoại+nhân+dân")
        results = page.locator(".search-result")
        assert results.count() == 2
        flags = [results.nth(i).locator(".partial-label").count() == 1 for i in range(results.count())]
        # Whole matches first; the one that only has the syllables without their marks is labelled, last.
        assert flags[-1] and not any(flags[:-1]), flags
        assert results.last.locator(".partial-label").inner_text() == "Khớp một phần"
        # Filters: text boxes for dd/mm/yyyy with a Vietnamese hint (not the browser's mm/dd/yyyy control).
        page.locator(".search-filters-box summary").click()
        date_from = page.locator("#id_date_from")
        assert date_from.get_attribute("type") == "text" and date_from.get_attribute("placeholder") == "dd/mm/yyyy"
        assert page.locator("#id_date_from-hint").inner_text() == "ngày/tháng/năm, ví dụ 05/01/2024"
        date_from.fill("15/11/2026")
        page.locator("#id_date_to").fill("19/11/2026")
        page.get_by_role("button", name="Áp dụng bộ lọc").click()
        page.wait_for_load_state()
        dates = page.locator(".search-result time").all_inner_texts()
        assert dates and all(d.split("/")[0] in {"15", "16", "17", "18", "19"} for d in dates), dates
        assert page.locator("#id_date_from").input_value() == "15/11/2026"
        # A bad date: a Vietnamese error beside the field, and what was typed is still there.
        page.goto(live_server.url + "/tim-kiem/?q=chuyển+đổi+số&date_from=31/02/2026")
        error = page.locator(".filter-date .field-error")
        assert error.is_visible() and "ngày/tháng/năm" in error.inner_text()
        assert page.locator("#id_date_from").input_value() == "31/02/2026"
        # The empty state suggests what to try.
        page.goto(live_server.url + "/tim-kiem/?q=xyzzy&kind=article")
        empty = page.locator(".search-empty")
        assert empty.is_visible() and empty.locator("li").count() >= 3
        assert empty.get_by_role("link", name="tìm lại không dùng bộ lọc").is_visible()
        assert empty.get_by_role("link", name="sơ đồ cổng").is_visible()
    finally:
        context.close()


def test_poll_once_per_page_copies_update_share_tags_sign_in_and_site_map(live_server, chromium, demo, make_article):
    poll = demo["poll"]
    with_poll = make_article(
        "Lấy ý kiến bạn đọc về Cổng thông tin",
        parent=demo["section"],
        body=[("poll", {"poll": poll})],
        tags=["Chuyển đổi số"],
    )
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + f"/binh-chon/{poll.pk}/")
        assert page.locator(".poll").count() == 1  # not again in the sidebar
        # Two copies on one page (in the article and in the sidebar): voting in one updates both.
        page.goto(live_server.url + with_poll.url)
        assert page.locator(f'.poll[data-poll="{poll.pk}"]').count() == 2
        embed = page.locator(f"#poll-{poll.pk}-embed")
        embed.get_by_label("Hữu ích", exact=True).check()
        embed.get_by_role("button", name="Bình chọn").click()
        page.wait_for_function(
            "pk => [...document.querySelectorAll('.poll[data-poll=\"' + pk + '\"]')]"
            ".every(el => el.textContent.includes('Bạn đã bình chọn')"
            " && el.textContent.includes('1 người đã bình chọn'))",
            arg=str(poll.pk),
        )
        sidebar = page.locator(f"#poll-{poll.pk}-sidebar")
        assert sidebar.get_by_role("button", name="Bình chọn").count() == 0  # no second vote offered
        assert "Hữu ích 1 (100,0%)" in " ".join(sidebar.inner_text().split())
        # Share on Zalo; tags are "Từ khóa" on the article and on the tag page.
        zalo = page.get_by_role("link", name="Chia sẻ Zalo")
        assert zalo.is_visible() and "zalo.me" in zalo.get_attribute("href")
        assert page.locator(".tags").inner_text().startswith("Từ khóa:")
        page.locator(".tags a").first.click()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Từ khóa:")
        assert "Thẻ" not in page.locator("main").inner_text()
        # Sign-in and registration from every page's header.
        nav = page.locator(".account-links")
        assert nav.get_by_role("link", name="Đăng nhập").is_visible()
        nav.get_by_role("link", name="Đăng ký").click()
        page.wait_for_url("**/thanh-vien/dang-ky/")
        # The site map lists every public part.
        page.goto(live_server.url + "/so-do-cong/")
        site_map = page.locator(".site-map")
        for name in ("Tin tức - Sự kiện", "Xây dựng Đảng", "Văn bản", "Bình chọn", "Tìm kiếm", "Tin RSS"):
            assert site_map.get_by_role("link", name=name, exact=True).first.is_visible(), name
        hrefs = site_map.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        for href in ("/van-ban/", "/binh-chon/", "/tim-kiem/", "/rss/", "/sitemap.xml", "/thanh-vien/dang-nhap/"):
            assert href in hrefs, href
    finally:
        context.close()
