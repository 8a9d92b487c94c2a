"""The navigation admin screens in Chromium as the portal administrator ("Quản trị") who manages them, at
1,366 px: they fit, speak Vietnamese, and the menu editor shows items with their sub-items. A reporter
does not see them in the admin menu."""

import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.browser.test_admin_browser import PASSWORD, _context, _login
from tests.core.test_admin_vietnamese import ENGLISH_RE
from vnportal.news.roles import ADMIN, REPORTER, grant_section_role

pytestmark = pytest.mark.django_db(transaction=True)
SCREENS = Path(__file__).resolve().parents[2] / "screens"


@pytest.fixture
def staff(home, make_section):
    # A live-server test's flush empties the groups and grants the migrations made: make them again.
    importlib.import_module("vnportal.news.migrations.0004_roles_and_workflow").create_roles(apps, None)
    importlib.import_module("vnportal.navigation.migrations.0002_admin_role_permissions").grant(apps, None)
    from wagtail.models import Site

    from vnportal.navigation import demo
    from vnportal.navigation.models import Link, MaintenanceNotice, MenuSettings

    economy = make_section("Kinh tế - Xã hội")
    menu = MenuSettings.for_site(Site.objects.get(is_default_site=True))
    menu.main_menu = [
        ("item", {"label": "Trang chủ", "page": home, "part": "", "url": "", "children": []}),
        (
            "item",
            {
                "label": "",
                "page": economy,
                "part": "",
                "url": "",
                "children": [
                    {"label": "Cổng Dịch vụ công", "page": None, "part": "", "url": "https://dichvucong.gov.vn/"}
                ],
            },
        ),
        ("item", {"label": "", "page": None, "part": "library:index", "url": "", "children": []}),
    ]
    menu.save()
    demo.build()
    Link.objects.filter(title__contains="Bình Sơn").update(
        is_broken=True, last_status=404, last_checked_at=timezone.now()
    )
    now = timezone.now()
    MaintenanceNotice.objects.create(
        message="Nâng cấp máy chủ", shown_from=now, downtime_starts=now, restore_at=now + datetime.timedelta(hours=2)
    )
    User = get_user_model()
    admin = User.objects.create_user("quantri", "qt@example.vn", PASSWORD)
    admin.groups.add(Group.objects.get(name=ADMIN))
    reporter = grant_section_role(User.objects.create_user("phongvien", "pv@example.vn", PASSWORD), REPORTER, economy)
    return {"admin": admin, "reporter": reporter, "site": Site.objects.get(is_default_site=True)}


def test_the_administrator_manages_navigation_in_vietnamese(live_server, chromium, staff):
    from vnportal.navigation.models import LinkGroup

    SCREENS.mkdir(exist_ok=True)
    group = LinkGroup.objects.get(title="Dịch vụ công trực tuyến")
    screens = {
        "menu": f"/quan-tri/settings/navigation/menusettings/{staff['site'].pk}/",
        "link-groups": "/quan-tri/snippets/navigation/linkgroup/",
        "link-group-edit": f"/quan-tri/snippets/navigation/linkgroup/edit/{group.pk}/",
        "banner-add": "/quan-tri/snippets/navigation/banner/add/",
        "notices": "/quan-tri/snippets/navigation/maintenancenotice/",
        "notice-add": "/quan-tri/snippets/navigation/maintenancenotice/add/",
        "broken-links": "/quan-tri/lien-ket-hong/",
    }
    context = _context(chromium, 1366, 800)
    page = context.new_page()
    problems = []
    try:
        _login(page, live_server.url, "quantri")
        for name, url in screens.items():
            response = page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            if response.status != 200:
                problems.append(f"{name}: {response.status}")
                continue
            page.screenshot(path=str(SCREENS / f"nav-admin-{name}.png"), full_page=name in {"menu", "link-group-edit"})
            if page.evaluate("document.documentElement.scrollWidth") > 1366:
                problems.append(f"{name}: scrolls sideways")
            text = page.locator("main").inner_text()
            problems += [f"{name}: English {word!r}" for word in set(ENGLISH_RE.findall(text))]
        # The menu editor: three items, the second with its sub-item, each naming its target.
        page.goto(live_server.url + screens["menu"])
        assert page.locator("[data-contentpath='main_menu'] [data-contentpath='children']").count() >= 3
        assert page.get_by_text("Mục con").first.is_visible()
        assert page.get_by_label("Nhãn").first.input_value() == "Trang chủ"
        # The report lists the broken link.
        page.goto(live_server.url + screens["broken-links"])
        assert "Cổng thông tin điện tử tỉnh Bình Sơn" in page.locator("main").inner_text()
        assert "HTTP 404" in page.locator("main").inner_text()
        # The admin menu has the group and the report.
        page.goto(live_server.url + "/quan-tri/")
        assert page.get_by_role("button", name="Liên kết, banner").is_visible()
    finally:
        context.close()
    assert problems == []


def test_a_reporter_does_not_see_the_navigation_screens(live_server, chromium, staff):
    context = _context(chromium, 1366, 800)
    page = context.new_page()
    try:
        _login(page, live_server.url, "phongvien")
        assert page.get_by_role("button", name="Liên kết, banner").count() == 0
        page.goto(live_server.url + "/quan-tri/lien-ket-hong/")
        assert "Liên kết hỏng" not in page.locator("main").inner_text()
    finally:
        context.close()
