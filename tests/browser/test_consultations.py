"""Góp ý dự thảo in Chromium: sending a comment (with the proof of work, and without
JavaScript: held), the deadline passing while the form is open, every page at 360 and
1,366 px at A and A+ without sideways scroll, and axe-core clean. Screenshots go to
screens/ (git-ignored) for a person to look at."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import CHROMIUM  # noqa: F401
from tests.browser.test_accessibility import _violations, axe  # noqa: F401
from tests.browser.test_public_ux import DESKTOP, PHONE, overflow, set_text_size
from vnportal.agency.models import Unit
from vnportal.consultations.models import Comment, CommentAnswer, Draft, DraftArticle, DraftQuestion

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = Path(__file__).resolve().parents[2] / "screens"
CONTENT = "Đề nghị bổ sung đối tượng là hợp tác xã do thanh niên thành lập vào Điều 2 của dự thảo."


def _draft(unit, slug, opens, closes, title):
    now = timezone.now()
    draft = Draft(
        slug=slug,
        title=title,
        summary="Dự thảo quy định mức hỗ trợ lãi suất vay vốn và chi phí thuê mặt bằng cho thanh niên khởi nghiệp "
        "trên địa bàn tỉnh Sơn Hà giai đoạn 2027 – 2030.",
        unit=unit,
        opens_at=now + timedelta(days=opens),
        closes_at=now + timedelta(days=closes),
    )
    for order, (label, title) in enumerate([("Điều 1", "Phạm vi điều chỉnh"), ("Điều 2", "Hỗ trợ lãi suất vay vốn")]):
        draft.articles.add(DraftArticle(label=label, title=title, sort_order=order))
    draft.questions.add(DraftQuestion(text="Mức hỗ trợ lãi suất tại Điều 2 đã phù hợp chưa?", sort_order=0))
    draft.save()
    return draft


@pytest.fixture
def drafts(home, settings):
    settings.GUARD_MIN_FILL_SECONDS = 1
    unit = Unit.objects.create(name="Sở Tư pháp tỉnh Sơn Hà", slug="so-tu-phap")
    opened = _draft(
        unit, "dang-mo", -1, 20, "Dự thảo Nghị quyết quy định chính sách hỗ trợ thanh niên khởi nghiệp tỉnh Sơn Hà"
    )
    closed = _draft(unit, "da-dong", -60, -30, "Dự thảo Quy chế quản lý chợ truyền thống trên địa bàn tỉnh Sơn Hà")
    comment = Comment.objects.create(
        draft=closed,
        article=closed.articles.first(),
        kind="organisation",
        name="Hội Liên hiệp Phụ nữ huyện Đông Khê",
        content="Đề nghị ưu tiên bố trí điểm kinh doanh cho hộ phụ nữ có hoàn cảnh khó khăn.",
        status=Comment.Status.PUBLISHED,
    )
    CommentAnswer.objects.create(comment=comment, question=closed.questions.first(), text="Nên mở cửa từ 5 giờ sáng.")
    return {"open": opened, "closed": closed}


def _fill(page, draft):
    page.get_by_label("Họ và tên hoặc tên cơ quan, tổ chức").fill("Trần Thị Bình")
    page.locator("#id_email").fill("binh@example.vn")
    page.get_by_label("Bạn góp ý cho").select_option(label="Điều 2. Hỗ trợ lãi suất vay vốn")
    page.get_by_label("Nội dung góp ý").fill(CONTENT)
    page.get_by_label("Mức hỗ trợ lãi suất tại Điều 2 đã phù hợp chưa?").fill("Nên tăng lên 50%.")
    page.locator("#id_consent").check()


def test_sending_a_comment_with_the_browser_check(live_server, browser_page, drafts):
    page, draft = browser_page, drafts["open"]
    page.goto(live_server.url + draft.get_absolute_url())
    page.get_by_role("link", name="Gửi góp ý").click()
    _fill(page, draft)
    # The widget solves its challenge on load; the form is sent once it says so.
    page.wait_for_function(
        "() => { const w = document.querySelector('altcha-widget'); "
        "return w && w.querySelector('input[name=altcha]') && w.querySelector('input[name=altcha]').value; }",
        timeout=30_000,
    )
    page.wait_for_timeout(1100)  # the minimum fill time (1 s here)
    page.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_url("**/da-gui/")
    assert "sau khi được kiểm duyệt" in page.locator("main").inner_text()
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENS / "consultation-thanks-1280.png"))
    comment = Comment.objects.get(draft=draft)
    assert not comment.held and comment.status == Comment.Status.PENDING
    assert comment.article.label == "Điều 2" and comment.content == CONTENT
    assert comment.answers.get().text == "Nên tăng lên 50%."


def test_without_javascript_the_comment_is_held(live_server, chromium, drafts):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + drafts["open"].get_absolute_url() + "gui-gop-y/")
        assert "vẫn được tiếp nhận" in page.locator("main").inner_text()
        _fill(page, drafts["open"])
        page.wait_for_timeout(1100)
        page.get_by_role("button", name="Gửi góp ý").click()
        page.wait_for_url("**/da-gui/")
    finally:
        context.close()
    assert Comment.objects.get(draft=drafts["open"]).held


def test_the_deadline_passing_while_the_form_is_open(live_server, browser_page, drafts):
    page, draft = browser_page, drafts["open"]
    page.goto(live_server.url + draft.get_absolute_url() + "gui-gop-y/")
    _fill(page, draft)
    page.wait_for_function(
        "() => { const i = document.querySelector('input[name=altcha]'); return i && i.value; }", timeout=30_000
    )
    Draft.objects.filter(pk=draft.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Gửi góp ý").click()
    alert = page.get_by_role("alert")
    assert "Đã hết thời hạn góp ý" in alert.inner_text()
    assert page.get_by_label("Nội dung góp ý").input_value() == CONTENT  # what was typed is kept
    assert page.get_by_label("Họ và tên hoặc tên cơ quan, tổ chức").input_value() == "Trần Thị Bình"
    SCREENS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENS / "consultation-deadline-passed-1280.png"), full_page=True)
    assert not Comment.objects.filter(draft=draft).exists()


def test_every_page_fits_a_phone_and_a_desktop_at_a_and_a_plus(live_server, chromium, drafts):
    pages = {
        "list": "/gop-y-du-thao/",
        "open": drafts["open"].get_absolute_url(),
        "closed": drafts["closed"].get_absolute_url(),
        "form": drafts["open"].get_absolute_url() + "gui-gop-y/",
        "thanks": drafts["open"].get_absolute_url() + "da-gui/",
    }
    SCREENS.mkdir(exist_ok=True)
    failures = []
    for viewport in (PHONE, DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        try:
            for name, path in pages.items():
                assert page.goto(live_server.url + path).status == 200, name
                for size, label in (("", "A"), ("large", "A+")):
                    set_text_size(page, size)
                    page.wait_for_timeout(50)
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > viewport["width"]:
                        failures.append(f"{name} {viewport['width']} {label}: {width} px wide {overflow(page)['wide']}")
                    page.screenshot(
                        path=str(SCREENS / f"consultation-{name}-{viewport['width']}-{label}.png"), full_page=True
                    )
                set_text_size(page, "")
                if name == "list":
                    # Open first, with its deadline; each card as wide as the content column.
                    cards = page.locator(".draft-item")
                    assert cards.count() == 2
                    assert "Hạn góp ý:" in cards.nth(0).inner_text() and "Đã kết thúc:" in cards.nth(1).inner_text()
                    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
                    assert first["y"] < second["y"] and abs(first["width"] - second["width"]) < 2
                if name == "form":
                    # Fields are usable on a phone: inputs fill the column, the button is at least 40 px high.
                    box = page.locator("#id_content").bounding_box()
                    assert box["width"] >= min(viewport["width"] - 80, 500)
                    assert page.get_by_role("button", name="Gửi góp ý").bounding_box()["height"] >= 38
                    assert page.locator(".guard-trap input").bounding_box()["x"] < 0  # the honeypot is off-screen
        finally:
            context.close()
    assert not failures, "\n".join(failures)


def test_pages_are_axe_clean(live_server, browser_page, axe, drafts):  # noqa: F811
    report = {}
    for path in (
        "/gop-y-du-thao/",
        drafts["open"].get_absolute_url(),
        drafts["closed"].get_absolute_url(),
        drafts["open"].get_absolute_url() + "gui-gop-y/",
        drafts["open"].get_absolute_url() + "da-gui/",
    ):
        assert browser_page.goto(live_server.url + path).status == 200
        found = _violations(browser_page, axe)
        if found:
            report[path] = found
    assert report == {}


def test_unit_staff_moderate_and_print_the_summary(live_server, chromium, drafts):
    import importlib

    from django.apps import apps

    from tests.support.users import staff_user

    # A live-server test empties the database before it runs: the group the migration made is gone.
    importlib.import_module("vnportal.consultations.migrations.0002_roles").create_roles(apps, None)
    staff = staff_user("canbo", "Cán bộ đơn vị (góp ý dự thảo)")
    drafts["open"].unit.staff.add(staff)
    pending = Comment.objects.create(
        draft=drafts["open"], name="Trần Thị Bình", email="binh@example.vn", content=CONTENT
    )
    context = chromium.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    SCREENS.mkdir(exist_ok=True)
    try:
        page.goto(live_server.url + "/quan-tri/login/")
        page.fill("input[name=username]", "canbo")
        page.fill("input[name=password]", "x")
        page.click("button[type=submit]")
        page.wait_for_url("**/quan-tri/")
        page.goto(live_server.url + "/quan-tri/snippets/consultations/comment/")
        assert page.locator("h1").first.inner_text().strip() == "Góp ý dự thảo"
        page.screenshot(path=str(SCREENS / "consultation-admin-inbox-1366.png"), full_page=True)
        page.goto(live_server.url + f"/quan-tri/snippets/consultations/comment/edit/{pending.pk}/")
        assert "binh@example.vn" in page.locator("main").inner_text()  # staff see the contact details
        page.screenshot(path=str(SCREENS / "consultation-admin-moderate-1366.png"), full_page=True)
        page.locator("select[name=status]").select_option("published")
        page.get_by_role("button", name="Lưu").first.click()
        page.wait_for_url("**/comment/")
        assert Comment.objects.get(pk=pending.pk).status == Comment.Status.PUBLISHED
        page.goto(live_server.url + f"/quan-tri/gop-y-du-thao/{drafts['open'].pk}/tong-hop/")
        assert "Tổng hợp góp ý" in page.locator("main").inner_text()
        page.screenshot(path=str(SCREENS / "consultation-admin-summary-1366.png"), full_page=True)
        page.emulate_media(media="print")
        # Printed: the admin's sidebar and the buttons are gone; the comments and counts remain.
        assert not page.locator(".summary-actions").is_visible()
        assert not page.locator("#wagtail-sidebar").is_visible()
        assert page.locator(".summary-by-article").is_visible()
        assert CONTENT in page.locator(".summary-comments").inner_text()
        page.screenshot(path=str(SCREENS / "consultation-admin-summary-print.png"), full_page=True)
    finally:
        context.close()
