"""The translators' report (Bản dịch, /quan-tri/ban-dich/): what is missing in English and what
changed in Vietnamese after it was translated, in Vietnamese, for the editor and approver roles."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from tests.core.test_admin_vietnamese import ENGLISH_RE, untranslated, visible_text  # noqa: F401
from vnportal.agency.models import AboutIndexPage, AboutPage, Person, PersonTranslation, Unit, UnitTranslation
from vnportal.news.roles import EDITOR, LEADER

pytestmark = pytest.mark.django_db

REPORT = "/quan-tri/ban-dich/"


def user_in(group, name):
    account = get_user_model().objects.create_user(name, f"{name}@example.vn", "x")
    account.groups.add(Group.objects.get(name=group))
    return account


def statuses(html):
    """``{name: status}`` from the report's rows."""
    rows = re.findall(r'<tr data-status="(\w+)">\s*<td>([^<]+)</td>', html)
    return {name.strip(): status for status, name in rows}


@pytest.mark.parametrize("group", [EDITOR, LEADER])
def test_report_in_vietnamese_for_editors_and_approvers(client, english_site, untranslated, group):  # noqa: F811
    client.force_login(user_in(group, "dichgia"))
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    problems = [
        f"English {word!r} in {text[:120]!r}" for text in visible_text(html) for word in ENGLISH_RE.findall(text)
    ]
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(problems)
    assert "Bản dịch" in html and "Đã cập nhật" in html
    # The demo translated everything: nothing missing, nothing out of date.
    found = statuses(html)
    assert found["Lãnh đạo tỉnh"] == "up_to_date"
    assert set(found.values()) == {"up_to_date"}, {k: v for k, v in found.items() if v != "up_to_date"}
    # Each may open the forms it links to.
    edit_links = re.findall(r'href="(/quan-tri/snippets/agency/(?:person|unit)translation/edit/\d+/)"', html)
    assert edit_links and client.get(edit_links[0]).status_code == 200


def test_report_shows_missing_and_out_of_date(client, english_site):
    client.force_login(user_in(LEADER, "lanhdaoduyet"))
    en = Locale.objects.get(language_code="en")
    # A person whose Vietnamese position changed after the translation.
    person = Person.objects.get(name="Phạm Quốc Việt")
    person.title = "Phó Bí thư Tỉnh ủy"
    person.save()
    # A unit with no translation at all.
    Unit.objects.create(name="Ban Kinh tế Tỉnh ủy", slug="ban-kinh-te", kind="advisory")
    # An about page republished after its translation, and a new one never translated.
    index = AboutIndexPage.objects.get(slug="gioi-thieu")
    history = AboutPage.objects.get(slug="lich-su")
    history.body += "<p>Năm 2026: thêm một mốc mới.</p>"
    history.save_revision().publish()
    fresh = AboutPage(title="Thành tựu", slug="thanh-tuu", body="<p>Nội dung.</p>")
    index.add_child(instance=fresh)
    fresh.save_revision().publish()

    html = client.get(REPORT).content.decode()
    found = statuses(html)
    assert found[str(person)] == "out_of_date"
    assert found["Ban Kinh tế Tỉnh ủy"] == "missing"
    assert found["Lịch sử hình thành"] == "out_of_date"
    assert found["Thành tựu"] == "missing"
    assert found["Lãnh đạo tỉnh"] == "up_to_date"
    # "Dịch" on a missing page is Wagtail's Translate action; on a unit, the prefilled form.
    assert f'href="/quan-tri/translation/submit/page/{fresh.pk}/"' in html
    unit = Unit.objects.get(slug="ban-kinh-te")
    add_url = f"/quan-tri/snippets/agency/unittranslation/add/?unit={unit.pk}&amp;locale={en.pk}"
    assert add_url in html
    form = client.get(add_url.replace("&amp;", "&")).content.decode()
    assert re.search(rf'name="unit"[^>]*value="{unit.pk}"|value="{unit.pk}"[^>]*name="unit"', form), (
        "unit not prefilled"
    )
    assert re.search(rf'<option value="{en.pk}" selected>', form), "language not prefilled"

    # Saving the translation again is the translator saying it matches: up to date.
    translation = PersonTranslation.objects.get(person=person, locale=en)
    translation.title = "Deputy Secretary of the Provincial Party Committee"
    translation.save()
    assert statuses(client.get(REPORT).content.decode())[str(person)] == "up_to_date"


def test_report_is_refused_to_reporters_and_members(client, english_site):
    member = get_user_model().objects.create_user("docgia", "dg@example.vn", "x")
    client.force_login(member)
    assert client.get(REPORT).status_code in (302, 403)


def test_translations_do_not_leak_into_other_apps(english_site):
    # Every other app keeps reading Unit and Person: the English words live beside them.
    assert UnitTranslation.objects.exists() and PersonTranslation.objects.exists()
    assert not Unit.objects.filter(name__startswith="Office of").exists()
    assert not Person.objects.filter(name="Nguyen Hoang Long").exists()


def test_translating_a_page_creates_an_english_draft_under_en(client, english_site):
    """Wagtail's own Translate action (simple_translation), as an approver: the copy is a draft
    in the English tree, which the approver may edit (the English home has the home's rights)."""
    client.force_login(user_in(LEADER, "lanhdao2"))
    index = AboutIndexPage.objects.get(slug="gioi-thieu")
    fresh = AboutPage(title="Thành tựu", slug="thanh-tuu", body="<p>Nội dung.</p>")
    index.add_child(instance=fresh)
    fresh.save_revision().publish()
    en = Locale.objects.get(language_code="en")
    response = client.post(f"/quan-tri/translation/submit/page/{fresh.pk}/", {"locales": [en.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    copy = fresh.get_translation(en)
    assert not copy.live and copy.get_parent().url_path.endswith("/about/")
    assert client.get(f"/quan-tri/pages/{copy.pk}/edit/").status_code == 200


def test_report_names_each_portals_home_and_titles_itself(client, english_site):
    from wagtail.models import Page, Site

    from vnportal.news.models import HomePage

    other_home = HomePage(title="Trang chủ", slug="xa-son-thuy")
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="son-thuy.localhost", port=80, root_page=other_home, site_name="Cổng xã Sơn Thủy")
    try:
        client.force_login(user_in(EDITOR, "dichgia2"))
        html = client.get(REPORT).content.decode()
        found = statuses(html)
        # Two homes called "Trang chủ": the sub-portal's row says whose it is.
        assert found["Trang chủ — Cổng xã Sơn Thủy"] == "missing"
        assert found["Trang chủ"] == "up_to_date"
        # The header names the screen, not the dashboard ("Trang chủ").
        assert re.search(r"<h1[^>]*>\s*(<[^>]+>\s*)*Bản dịch", html), "the header does not say Bản dịch"
    finally:
        Site.clear_site_root_paths_cache()
