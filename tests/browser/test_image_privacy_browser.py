"""The refusal of a restricted collection for images, as staff see it (core/imageprivacy.py).

An editor (and a reporter) adding an image into a collection with view restrictions, and
moving images there with the bulk action, see a Vietnamese message by the collection field,
with what they typed kept; an administrator restricting a collection that holds images sees
it in the privacy dialog. Screenshots go to screens/.
"""

import io

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.browser.test_admin_browser import SCREENS, _context, _login, portal  # noqa: F401 (portal: a fixture)
from tests.core.test_files import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGE = "bị giới hạn quyền xem, nhưng ảnh luôn công khai"


@pytest.fixture
def collections(db):
    root = Collection.get_first_root_node()
    public = root.add_child(name="Ảnh hoạt động")
    private = root.add_child(name="Hồ sơ mật")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    return {"public": public, "private": private}


def _visible_box(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0, selector
    return box


@pytest.mark.parametrize("role,width", [("editor", 1366), ("editor", 360), ("reporter", 1366)])
def test_adding_an_image_to_a_restricted_collection_shows_why(
    live_server,
    chromium,
    portal,  # noqa: F811 (the fixture imported above)
    collections,
    role,
    width,
):
    SCREENS.mkdir(exist_ok=True)
    context = _context(chromium, width)
    page = context.new_page()
    try:
        _login(page, live_server.url, portal["users"][role].username)
        page.goto(live_server.url + "/quan-tri/images/add/")
        page.set_input_files(
            "input[name=file]", {"name": "hop-bao.png", "mimeType": "image/png", "buffer": png_bytes(2)}
        )
        page.fill("input[name=title]", "Họp báo quý IV")
        page.select_option("select[name=collection]", str(collections["private"].pk))
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.wait_for_load_state()
        error = page.locator("[data-contentpath=collection] .error-message")
        assert MESSAGE in error.inner_text() and "Hồ sơ mật" in error.inner_text()
        # The message sits with the field, readable, inside the screen.
        box = _visible_box(page, "[data-contentpath=collection] .error-message")
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # What was typed is kept; the collection chosen too (so the person sees which one).
        assert page.input_value("input[name=title]") == "Họp báo quý IV"
        assert page.input_value("select[name=collection]") == str(collections["private"].pk)
        assert page.evaluate("document.documentElement.lang") == "vi"
        error.scroll_into_view_if_needed()
        page.wait_for_timeout(600)  # Wagtail's error banner slides in: photograph it settled
        page.screenshot(path=str(SCREENS / f"image-privacy-add-{role}-{width}.png"))
        assert not get_image_model().objects.exists()
    finally:
        context.close()


def test_the_bulk_move_shows_why(live_server, chromium, portal, collections):  # noqa: F811
    images = [
        get_image_model().objects.create(
            title=f"Ảnh {n}",
            collection=collections["public"],
            file=ImageFile(io.BytesIO(png_bytes(n)), name=f"a{n}.png"),
        )
        for n in (1, 2)
    ]
    context = _context(chromium, 1366)
    page = context.new_page()
    try:
        _login(page, live_server.url, portal["users"]["editor"].username)
        ids = "&".join(f"id={image.pk}" for image in images)
        page.goto(f"{live_server.url}/quan-tri/bulk/wagtailimages/image/add_to_collection/?{ids}")
        page.select_option("select[name=collection]", str(collections["private"].pk))
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.wait_for_load_state()
        assert MESSAGE in page.inner_text("main")
        _visible_box(page, "text=" + MESSAGE)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        page.screenshot(path=str(SCREENS / "image-privacy-bulk-editor-1366.png"), full_page=True)
        assert {image.collection_id for image in get_image_model().objects.all()} == {collections["public"].pk}
    finally:
        context.close()


def test_restricting_a_collection_with_images_shows_why(live_server, chromium, portal, collections):  # noqa: F811
    get_image_model().objects.create(
        title="Ảnh lễ hội",
        collection=collections["public"],
        file=ImageFile(io.BytesIO(png_bytes(3)), name="le-hoi.png"),
    )
    context = _context(chromium, 1366)
    page = context.new_page()
    try:
        _login(page, live_server.url, portal["users"]["superuser"].username)
        page.goto(f"{live_server.url}/quan-tri/collections/{collections['public'].pk}/")
        page.click("button[data-a11y-dialog-show=set-privacy]")
        dialog = page.locator("#set-privacy")
        dialog.locator("input[name=restriction_type][value=login]").check()
        dialog.locator("input[type=submit]").click()
        dialog.locator(".error-message").wait_for()
        text = dialog.inner_text()
        assert "đang chứa 1 ảnh, mà ảnh luôn công khai" in text and "Hãy chuyển các ảnh" in text
        _visible_box(page, "#set-privacy .error-message")
        page.screenshot(path=str(SCREENS / "image-privacy-collection-dialog-1366.png"))
        assert not CollectionViewRestriction.objects.filter(collection=collections["public"]).exists()
    finally:
        context.close()
