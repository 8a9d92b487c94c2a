"""The navigation admin screens in Vietnamese, for the roles that manage them, and out of reach of the others."""

import datetime
import io
import json

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from tests.core import test_admin_vietnamese as vietnamese
from vnportal.navigation.models import Banner, LinkGroup, MaintenanceNotice, MenuSettings

# The roles' accounts and the untranslated-msgid recorder of the admin-wide check.
newsroom = vietnamese.newsroom
untranslated = vietnamese.untranslated
ENGLISH_RE, visible_text = vietnamese.ENGLISH_RE, vietnamese.visible_text


def screens(site):
    return {
        "link groups": "/quan-tri/snippets/navigation/linkgroup/",
        "link group create": "/quan-tri/snippets/navigation/linkgroup/add/",
        "banners": "/quan-tri/snippets/navigation/banner/",
        "banner create": "/quan-tri/snippets/navigation/banner/add/",
        "maintenance notices": "/quan-tri/snippets/navigation/maintenancenotice/",
        "maintenance notice create": "/quan-tri/snippets/navigation/maintenancenotice/add/",
        "main menu": f"/quan-tri/settings/navigation/menusettings/{site.pk}/",
        "broken links": "/quan-tri/lien-ket-hong/",
    }


def in_admin_menu(client, label):
    """The admin's sidebar menu is drawn from JSON in the page, its text escaped."""
    html = client.get("/quan-tri/").content.decode()
    return json.dumps(label)[1:-1] in html or label in html


@pytest.fixture
def content(db):
    group = LinkGroup.objects.create(title="Cổng Trung ương")
    group.links.create(title="Chính phủ", url="https://chinhphu.vn/", is_broken=True, last_status=404)
    group.save()
    image = get_image_model().objects.create(title="Ảnh banner", file=ImageFile(io.BytesIO(_png()), name="b.png"))
    Banner.objects.create(title="Chuyển đổi số", image=image, alt_text="Chuyển đổi số Sơn Hà")
    now = timezone.now()
    MaintenanceNotice.objects.create(
        message="Bảo trì hệ thống", shown_from=now, downtime_starts=now, restore_at=now + datetime.timedelta(hours=2)
    )


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "superuser"])
def test_navigation_screens_are_vietnamese_for_those_who_manage_them(client, newsroom, content, untranslated, role):
    client.force_login(newsroom["users"][role])
    problems = []
    for name, url in screens(Site.objects.get(is_default_site=True)).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        for text in visible_text(response.content.decode()):
            problems += [f"{name}: English {word!r} in {text[:120]!r}" for word in ENGLISH_RE.findall(text)]
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(sorted(set(problems)))
    assert in_admin_menu(client, "Liên kết, banner") and in_admin_menu(client, "Liên kết hỏng")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "editor", "approver"])
def test_the_newsroom_roles_cannot_change_navigation(client, newsroom, content, role):
    client.force_login(newsroom["users"][role])
    for name, url in screens(Site.objects.get(is_default_site=True)).items():
        response = client.get(url)
        assert response.status_code in (302, 403), (name, response.status_code)
    assert not in_admin_menu(client, "Liên kết hỏng")


@pytest.mark.django_db
def test_an_administrator_adds_a_maintenance_notice_and_a_bad_one_keeps_what_was_typed(client, newsroom, home):
    client.force_login(newsroom["users"]["admin"])
    url = "/quan-tri/snippets/navigation/maintenancenotice/add/"
    bad = {
        "message": "Nâng cấp máy chủ",
        "shown_from": "2026-12-12 08:00",
        "downtime_starts": "2026-12-12 20:00",
        "restore_at": "2026-12-12 19:00",
    }
    response = client.post(url, bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thời điểm hoạt động trở lại phải sau thời điểm bắt đầu tạm dừng." in html
    assert "Nâng cấp máy chủ" in html
    assert not MaintenanceNotice.objects.exists()
    response = client.post(url, {**bad, "restore_at": "2026-12-12 22:00"})
    assert response.status_code == 302
    notice = MaintenanceNotice.objects.get()
    assert timezone.localtime(notice.restore_at).strftime("%H:%M %d/%m/%Y") == "22:00 12/12/2026"


@pytest.mark.django_db
def test_an_administrator_builds_the_menu_in_the_admin(client, newsroom, home):
    site = Site.objects.get(is_default_site=True)
    client.force_login(newsroom["users"]["admin"])
    url = f"/quan-tri/settings/navigation/menusettings/{site.pk}/"
    form = {
        "main_menu-count": "2",
        "main_menu-0-type": "item",
        "main_menu-0-deleted": "",
        "main_menu-0-order": "0",
        "main_menu-0-value-label": "Văn bản mới",
        "main_menu-0-value-page": "",
        "main_menu-0-value-part": "library:index",
        "main_menu-0-value-url": "",
        "main_menu-0-value-children-count": "1",
        "main_menu-0-value-children-0-deleted": "",
        "main_menu-0-value-children-0-order": "0",
        "main_menu-0-value-children-0-value-label": "Sơ đồ cổng",
        "main_menu-0-value-children-0-value-page": "",
        "main_menu-0-value-children-0-value-part": "site_map",
        "main_menu-0-value-children-0-value-url": "",
        "main_menu-1-type": "item",
        "main_menu-1-deleted": "",
        "main_menu-1-order": "1",
        "main_menu-1-value-label": "",
        "main_menu-1-value-page": "",
        "main_menu-1-value-part": "",
        "main_menu-1-value-url": "https://chinhphu.vn/",
        "main_menu-1-value-children-count": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 200  # the address without a label is refused …
    message = "Liên kết đến một địa chỉ cần có nhãn."
    html = response.content.decode()
    assert message in html or json.dumps(message)[1:-1] in html  # stream errors travel as JSON
    response = client.post(url, {**form, "main_menu-1-value-label": "Chính phủ"})
    assert response.status_code == 302, response.content.decode()[:2000]
    menu_settings = MenuSettings.for_site(site)
    assert [child.value["label"] for child in menu_settings.main_menu] == ["Văn bản mới", "Chính phủ"]
    client.logout()
    html = client.get("/").content.decode()
    assert ">Văn bản mới<" in html and 'href="https://chinhphu.vn/"' in html and 'class="submenu"' in html
