"""Thư viện ảnh and video in Chromium: phones and desktops at A and A+, the keyboard viewer,
no JavaScript, a video that waits for the reader and seeks by byte ranges, axe-core clean.

Screenshots go to screens/ (git-ignored) for a person to look at.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 800}
SCREENS = Path(__file__).resolve().parents[2] / "screens"
BLOCKING = {"serious", "critical"}


@pytest.fixture
def gallery(home):
    from vnportal.gallery.demo import build
    from vnportal.gallery.models import AlbumIndexPage, AlbumPage, VideoIndexPage, VideoPage

    build()
    return {
        "albums": AlbumIndexPage.objects.get().url,
        "album": AlbumPage.objects.get().url,
        "videos": VideoIndexPage.objects.get().url,
        "video": VideoPage.objects.get().url,
    }


def set_text_size(page, size):
    page.evaluate(
        "size => { if (size) document.documentElement.dataset.textSize = size;"
        " else delete document.documentElement.dataset.textSize; }",
        size,
    )


def test_gallery_pages_fit_phones_and_desktops_at_a_and_a_plus(live_server, chromium, gallery):
    SCREENS.mkdir(exist_ok=True)
    failures = []
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            for name, path in gallery.items():
                assert page.goto(live_server.url + path).status == 200, path
                for size, label in (("", "A"), ("large", "A+")):
                    set_text_size(page, size)
                    page.wait_for_timeout(50)
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > viewport["width"]:
                        failures.append(f"{name} {viewport['width']} px at {label}: {width} px wide")
                    page.screenshot(
                        path=str(SCREENS / f"gallery-{name}-{viewport['width']}-{label}.png"), full_page=True
                    )
                set_text_size(page, "")
                if name in ("albums", "videos"):
                    card = page.locator(".media-card").first.bounding_box()
                    image = page.locator(".media-card img").first.bounding_box()
                    assert image["width"] == pytest.approx(card["width"] - 2, abs=2)  # the cover fills its card
                    assert image["height"] == pytest.approx(image["width"] * 3 / 4, abs=2)
                    columns = 1 if viewport is PHONE else 3
                    assert card["width"] * columns <= viewport["width"], (name, card)
            # The album grid: one column on a phone, several on a desktop, every thumbnail shown.
            page.goto(live_server.url + gallery["album"])
            thumbs = page.locator(".album-thumb img")
            assert thumbs.count() == 5
            boxes = [thumbs.nth(i).bounding_box() for i in range(2)]
            if viewport is PHONE:
                assert boxes[1]["y"] > boxes[0]["y"] and boxes[0]["width"] >= 300
            else:
                assert boxes[1]["y"] == boxes[0]["y"] and boxes[0]["width"] < 400
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def test_album_viewer_by_keyboard_and_focus_returns(live_server, chromium, gallery):
    context = chromium.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(live_server.url + gallery["album"])
        dialog = page.locator(".gallery-viewer")
        assert dialog.is_hidden()
        thumbs = page.locator("a.album-thumb")
        thumbs.first.focus()
        page.keyboard.press("Enter")
        assert dialog.is_visible()
        assert page.evaluate("document.querySelector('.gallery-viewer').matches('dialog[open]:modal')")
        assert dialog.get_attribute("aria-label") == "Ảnh phóng to"
        assert page.evaluate("document.activeElement.className") == "gallery-close"
        assert "Ảnh 1/5" in dialog.inner_text()
        assert "Các đội thuyền sẵn sàng ở vạch xuất phát." in dialog.inner_text()
        assert "Ảnh: Minh Khang" in dialog.inner_text()
        image = page.locator(".gallery-image")
        assert image.get_attribute("alt") == "Các đội thuyền xếp hàng ở vạch xuất phát trên sông Hà"
        wait_until(page, "() => document.querySelector('.gallery-image').complete")
        box = image.bounding_box()
        assert box["width"] <= 360 and box["x"] >= 0 and box["y"] >= 0 and box["y"] + box["height"] <= 800
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.screenshot(path=str(SCREENS / "gallery-viewer-360.png"))
        page.keyboard.press("ArrowRight")
        assert "Ảnh 2/5" in dialog.inner_text()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        assert "Ảnh 5/5" in dialog.inner_text()  # wraps round
        # Tab stays inside the dialog.
        for _ in range(4):
            page.keyboard.press("Tab")
            assert page.evaluate("!!document.activeElement.closest('.gallery-viewer')")
        page.locator(".gallery-next").click()
        assert "Ảnh 1/5" in dialog.inner_text()
        page.keyboard.press("Escape")
        assert dialog.is_hidden()
        # The dialog's "close" event (which puts focus back) is queued after the dialog hides: wait for its
        # handler to have run, or it would move focus again after we focus another thumbnail below.
        wait_until(page, "() => !document.documentElement.classList.contains('gallery-open')", timeout=5)
        # Focus is back on the thumbnail of the photo last shown.
        assert page.evaluate("document.activeElement === document.querySelectorAll('a.album-thumb')[0]")
        # Space opens it too, on another thumbnail.
        thumbs.nth(2).focus()
        assert page.evaluate("document.activeElement === document.querySelectorAll('a.album-thumb')[2]")
        page.keyboard.press(" ")
        wait_until(page, "() => document.querySelector('.gallery-viewer').innerText.includes('Ảnh 3/5')", timeout=5)
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement === document.querySelectorAll('a.album-thumb')[2]")
        # Nothing moves by itself.
        thumbs.first.click()
        page.wait_for_timeout(1500)
        assert "Ảnh 1/5" in dialog.inner_text()
    finally:
        context.close()


def test_album_without_javascript_links_to_the_large_images(live_server, chromium, gallery):
    context = chromium.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + gallery["album"])
        href = page.locator("a.album-thumb").first.get_attribute("href")
        response = page.goto(live_server.url + href)
        assert response.status == 200 and response.headers["content-type"] == "image/webp"
    finally:
        context.close()


def serve_through_portal(route, request):
    from urllib.parse import urlsplit

    from django.test import Client

    extra = {"Range": request.headers["range"]} if "range" in request.headers else {}
    response = Client().get(urlsplit(request.url).path, headers=extra)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    route.fulfill(status=response.status_code, headers=dict(response.items()), body=body)


def test_video_waits_for_the_reader_and_seeks_by_ranges(live_server, chromium, gallery):
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    statuses = []
    page.on("response", lambda r: statuses.append(r.status) if r.url.endswith(".webm") else None)
    # Django's live server answers /media/ itself (its _MediaFilesHandler, no ranges) before our URLs
    # see the request; the portal's /media/ view (vnportal.core.media) answers the player here instead.
    page.route("**/media/video/**", serve_through_portal)
    try:
        page.goto(live_server.url + gallery["video"])
        video = page.locator("video")
        assert video.get_attribute("controls") is not None and video.get_attribute("preload") == "metadata"
        wait_until(page, "() => document.querySelector('video').readyState >= 1", timeout=10)
        assert page.evaluate("document.querySelector('video').paused")
        assert page.evaluate("Math.round(document.querySelector('video').duration)") == 8
        page.wait_for_timeout(1000)
        assert page.evaluate("document.querySelector('video').paused")  # still: no autoplay
        assert page.evaluate("document.querySelector('video').textTracks[0].language") == "vi"
        # The reader seeks: the player jumps to 6 s without playing.
        page.evaluate(
            "() => new Promise(done => { const v = document.querySelector('video');"
            " v.addEventListener('seeked', done, {once: true}); v.currentTime = 6; })"
        )
        assert page.evaluate("document.querySelector('video').currentTime") == pytest.approx(6, abs=0.5)
        assert 206 in statuses and 200 not in statuses, statuses  # the player asked for ranges and got them
        assert page.locator(".transcript").is_visible()
        box = video.bounding_box()
        assert box["width"] > 600 and box["height"] == pytest.approx(box["width"] * 9 / 16, abs=2)
        page.screenshot(path=str(SCREENS / "gallery-video-player-1366.png"))
    finally:
        context.close()


def test_gallery_pages_are_axe_clean(live_server, browser_page, gallery):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    report = {}
    for name, path in gallery.items():
        assert browser_page.goto(live_server.url + path).status == 200
        if name == "album":  # the viewer open, too
            browser_page.locator("a.album-thumb").first.click()
        found = [
            f"{v['id']} ({v['impact']}): " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in axe.run(browser_page).response["violations"]
            if v.get("impact") in BLOCKING
        ]
        if found:
            report[name] = found
    assert report == {}
