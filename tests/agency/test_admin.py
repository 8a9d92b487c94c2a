"""Units and people in the admin (Giới thiệu menu), and the Giới thiệu pages, in Vietnamese for
the roles that keep them: the approving leader and the administrator. Reporters and editors
work in their sections and see none of it."""

import re

import pytest

from tests.core.test_admin_vietnamese import ENGLISH_RE, newsroom, untranslated, visible_text  # noqa: F401
from vnportal.agency.models import AboutPage, Person, Unit

pytestmark = pytest.mark.django_db


def agency_screens(units, about_index, page, person):
    return {
        "units": "/quan-tri/snippets/agency/unit/",
        "unit create": "/quan-tri/snippets/agency/unit/add/",
        "unit edit": f"/quan-tri/snippets/agency/unit/edit/{units['office'].pk}/",
        "people": "/quan-tri/snippets/agency/person/",
        "person create": "/quan-tri/snippets/agency/person/add/",
        "person edit": f"/quan-tri/snippets/agency/person/edit/{person.pk}/",
        "about index edit": f"/quan-tri/pages/{about_index.pk}/edit/",
        "about page create": f"/quan-tri/pages/add/agency/aboutpage/{about_index.pk}/",
        "about page edit": f"/quan-tri/pages/{page.pk}/edit/",
        "about explorer": f"/quan-tri/pages/{about_index.pk}/",
    }


@pytest.fixture
def agency(units, about_index, make_about, make_person):
    page = make_about("Cơ cấu tổ chức", kind=AboutPage.Kind.ORGANISATION)
    person = make_person("Nguyễn Hoàng Long", "Bí thư Tỉnh ủy", unit=units["top"])
    return agency_screens(units, about_index, page, person)


@pytest.mark.parametrize("role", ["approver", "admin"])
def test_agency_screens_are_vietnamese_for_those_who_keep_them(client, newsroom, agency, untranslated, role):  # noqa: F811
    client.force_login(newsroom["users"][role])
    problems = []
    for name, url in agency.items():
        response = client.get(url)
        assert response.status_code == 200, (role, name, url, response.status_code)
        for text in visible_text(response.content.decode()):
            problems += [f"{name}: English {word!r} in {text[:120]!r}" for word in ENGLISH_RE.findall(text)]
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(sorted(set(problems)))
    menu = client.get("/quan-tri/").content.decode()  # the sidebar is JSON: non-ASCII letters escaped
    assert '"label": "Gi\\u1edbi thi\\u1ec7u"' in menu and "/quan-tri/snippets/agency/unit/" in menu


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_reporters_and_editors_cannot_change_the_agency(client, newsroom, agency, role):  # noqa: F811
    client.force_login(newsroom["users"][role])
    for name, url in agency.items():
        if name == "about explorer":
            continue  # Wagtail lets any admin user browse the tree; editing is what is refused
        response = client.get(url)
        assert response.status_code in (302, 403), (role, name, response.status_code)


def test_the_unit_list_shows_the_tree(client, newsroom, agency):  # noqa: F811
    client.force_login(newsroom["users"]["admin"])
    html = client.get(agency["units"]).content.decode()
    names = [
        re.sub(r"\s+", " ", text) for text in visible_text(html) if "Ban " in text or "Phòng" in text or "Văn" in text
    ]
    order = [text for text in names if text.lstrip("— ") in {u.name for u in Unit.objects.all()}]
    assert order == ["Ban Thường vụ Tỉnh ủy", "— Văn phòng Tỉnh ủy", "— — Phòng Tổng hợp", "— Ban Tổ chức Tỉnh ủy"]


def test_an_administrator_adds_a_unit_under_another(client, newsroom, agency):  # noqa: F811
    client.force_login(newsroom["users"]["admin"])
    office = Unit.objects.get(slug="van-phong")
    response = client.post(
        agency["unit create"],
        {
            "name": "Phòng  Quản trị ",
            "slug": "phong-quan-tri",
            "kind": "office",
            "parent": office.pk,
            "sort_order": 5,
            "email": "khong-phai-email",
        },
    )
    assert response.status_code == 200  # refused: the e-mail is not one, and what was typed stays
    html = response.content.decode()
    assert "Phòng  Quản trị" in html or "Phòng Quản trị" in html
    assert not Unit.objects.filter(slug="phong-quan-tri").exists()
    response = client.post(
        agency["unit create"],
        {"name": "Phòng  Quản trị ", "slug": "phong-quan-tri", "kind": "office", "parent": office.pk, "sort_order": 5},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(slug="phong-quan-tri")
    assert unit.name == "Phòng Quản trị" and unit.parent == office
    assert Person.objects.count() == 1
