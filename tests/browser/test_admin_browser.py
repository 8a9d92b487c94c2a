"""The admin in Chromium (issue 13): no request leaves the portal, the library list fits a
1,366-px screen, and screenshots of the main screens for a person to look at."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.support.documents import make_document
from vnportal.news.roles import EDITOR, LEADER, REPORTER, grant_section_role

pytestmark = pytest.mark.django_db(transaction=True)
SCREENS = Path(os.environ.get("VNPORTAL_SCREENS_DIR", Path(__file__).resolve().parents[2] / "screens"))
PASSWORD = "mat-khau-thu-1"


@pytest.fixture
def portal(make_section, make_article):
    # A live-server test's flush empties the groups the migrations made: make them again, the same way.
    import importlib

    from django.apps import apps

    importlib.import_module("vnportal.news.migrations.0004_roles_and_workflow").create_roles(apps, None)
    User = get_user_model()
    economy = make_section("Kinh tế - Xã hội")
    article = make_article("Nghị quyết số 57-NQ/TW về đột phá khoa học", parent=economy)
    for n in range(12):
        make_document(
            # The worst a real list holds: long numbers, long type names, big counters.
            number=f"{n + 1234}/2025/QĐ-UBND-KGVX",
            status="partly_expired",
            view_count=1_234_567,
            download_count=98_765,
            summary="Quyết định ban hành quy chế phối hợp trong công tác quản lý nhà nước về khoa học, "
            "công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn tỉnh giai đoạn 2025 - 2030",
            doc_type="Hướng dẫn liên ngành",
            issuer="Ủy ban nhân dân tỉnh",
        )
    users = {
        "reporter": grant_section_role(
            User.objects.create_user("phongvien", "pv@example.vn", PASSWORD), REPORTER, economy
        ),
        "editor": grant_section_role(User.objects.create_user("bientap", "bt@example.vn", PASSWORD), EDITOR, economy),
        "superuser": User.objects.create_superuser("quantri", "qt@example.vn", PASSWORD),
    }
    leader = User.objects.create_user("lanhdao", "ld@example.vn", PASSWORD)
    leader.groups.add(Group.objects.get(name=LEADER))
    return {"section": economy, "article": article, "users": users}


def _context(chromium, width, height=900):
    return chromium.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": width, "height": height}
    )


def _login(page, base, username):
    page.goto(base + "/quan-tri/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/quan-tri/")


def _admin_screens(portal, home_pk):
    section, article = portal["section"], portal["article"]
    return {
        "dashboard": "/quan-tri/",
        "explorer": f"/quan-tri/pages/{section.pk}/",
        "edit": f"/quan-tri/pages/{article.pk}/edit/",
        "create": f"/quan-tri/pages/add/news/articlepage/{section.pk}/",
        "images": "/quan-tri/images/",
        "documents": "/quan-tri/documents/",
        "library": "/quan-tri/snippets/library/document/",
        "library-add": "/quan-tri/snippets/library/document/add/",
        "users": "/quan-tri/users/",
        "workflow-tasks": "/quan-tri/workflows/tasks/index/",
        "reports": "/quan-tri/reports/workflow/",
        "editorial-report": "/quan-tri/bao-cao/bien-tap/",
        "stats": "/quan-tri/thong-ke/",
        "account": "/quan-tri/account/",
    }


def test_no_request_leaves_the_portal(live_server, chromium, portal, home):
    context = _context(chromium, 1366)
    page = context.new_page()
    page.set_default_timeout(20_000)
    local = urlsplit(live_server.url).hostname
    outside = []
    seen = []

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        seen.append(request.url)
        if parts.hostname not in (local, "localhost", "127.0.0.1"):
            outside.append(f"{page.url} → {request.url}")

    page.on("request", record)
    try:
        public = ["/", portal["section"].url, portal["article"].url, "/van-ban/", "/tim-kiem/?q=nghi+quyet"]
        for url in public:
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
        _login(page, live_server.url, "quantri")
        for url in _admin_screens(portal, home.pk).values():
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
        # The account menu in the sidebar shows the avatar: no Gravatar behind it.
        assert len(seen) > 40
    finally:
        context.close()
    assert outside == []


def test_library_list_fits_1366_px(live_server, chromium, portal):
    context = _context(chromium, 1366)
    page = context.new_page()
    try:
        _login(page, live_server.url, "quantri")
        page.goto(live_server.url + "/quan-tri/snippets/library/document/")
        table = page.locator("table.listing")
        table.wait_for()
        sizes = page.evaluate(
            """() => {
                const table = document.querySelector('table.listing');
                const box = table.parentElement;
                const cells = [...table.querySelectorAll('th, td')];
                const clipped = cells.filter(c => c.scrollWidth > c.clientWidth + 1)
                    .map(c => c.innerText.trim()).slice(0, 5);
                return {page: document.documentElement.scrollWidth, view: window.innerWidth, clipped,
                        right: Math.max(...cells.map(c => c.getBoundingClientRect().right)),
                        table: table.getBoundingClientRect().right, box: box.getBoundingClientRect().right,
                        scroll: box.scrollWidth, client: box.clientWidth};
            }"""
        )
        assert sizes["page"] <= sizes["view"], sizes
        assert sizes["table"] <= sizes["view"] and sizes["scroll"] <= sizes["client"] + 1, sizes
        assert sizes["right"] <= sizes["view"] and sizes["clipped"] == [], sizes
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / "admin-library-1366.png"))
        # The summary is readable, not cut to nothing.
        assert page.get_by_text("Quyết định ban hành quy chế phối hợp", exact=False).first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_screenshots_of_the_main_admin_screens(live_server, chromium, portal, home, role):
    """Screens for a person to look at (screens/, not committed); each one fits the width."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = _context(chromium, 1366, 800)
    page = context.new_page()
    problems = []
    try:
        _login(page, live_server.url, portal["users"][role].username)
        for name, url in _admin_screens(portal, home.pk).items():
            response = page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            if urlsplit(page.url).path != urlsplit(url).path or response.status in (403, 404):
                continue  # not this role's screen (sent to the dashboard with "no permission")
            page.screenshot(path=str(SCREENS / f"{role}-{name}.png"))
            if page.evaluate("document.documentElement.scrollWidth") > 1366:
                problems.append(name)
    finally:
        context.close()
    assert problems == []


def test_login_screenshot_at_360_px(live_server, chromium, db):
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = _context(chromium, 360, 740)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/quan-tri/login/")
        page.screenshot(path=str(SCREENS / "login-360.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert "Wagtail" not in page.title()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Đăng nhập vào")
    finally:
        context.close()
