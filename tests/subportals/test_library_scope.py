"""The official-document library's admin, per portal: a sub-portal's editors list, open, change and
delete their own portal's documents only, and file new ones there (Vietnamese admin)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from tests.subportals.conftest import SUB_HOST
from tests.support.documents import make_document
from vnportal.library.models import Document, DocumentType, Issuer
from vnportal.news.roles import grant_section_role

pytestmark = pytest.mark.django_db

LIST_URL = "/quan-tri/snippets/library/document/"
ADD_URL = "/quan-tri/snippets/library/document/add/"
DOC_PERMS = ["add_document", "change_document", "delete_document", "view_document"]


def signed_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


@pytest.fixture
def editors_keep_the_library():
    """An operator lets the newsroom's editors (the install-wide "Biên tập viên" group, which a
    sub-portal's editors join too) keep the document library: the case where scoping matters."""
    group = Group.objects.get(name="Biên tập viên")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="library", codename__in=DOC_PERMS))
    return group


@pytest.fixture
def sub_editor(subsite, editors_keep_the_library):
    user = get_user_model().objects.create_user("btv_anbinh", "btv@anbinh.vn", "x")
    call_command("site_role", "btv_anbinh", "editor", SUB_HOST)
    return user


@pytest.fixture
def province_editor(section, subsite, editors_keep_the_library):
    user = get_user_model().objects.create_user("btv_tinh", "btv@tinh.vn", "x")
    return grant_section_role(user, "editor", section)


@pytest.fixture
def documents(site, subsite):
    return (
        make_document("12-NQ/TU", "Nghị quyết của Tỉnh ủy về giáo dục", site=site),
        make_document("34/QĐ-UBND", "Quyết định của huyện An Bình về giao thông", site=subsite),
    )


def form_data(**overrides):
    data = {
        "number": "56/KH-UBND",
        "summary": "Kế hoạch chuyển đổi số của huyện",
        "issued_on": "2026-03-05",
        "doc_type": DocumentType.objects.get_or_create(name="Kế hoạch")[0].pk,
        "issuer": Issuer.objects.get_or_create(name="UBND huyện An Bình")[0].pk,
        "status": "in_force",
        "is_public": "on",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "relations-MIN_NUM_FORMS": "0",
        "relations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def urls_of(document):
    return [
        f"{LIST_URL}edit/{document.pk}/",
        f"{LIST_URL}delete/{document.pk}/",
        f"{LIST_URL}history/{document.pk}/",
        f"{LIST_URL}usage/{document.pk}/",
    ]


def assert_untouched(document):
    fresh = Document.objects.get(pk=document.pk)
    assert (fresh.summary, fresh.site_id) == (document.summary, document.site_id)


def test_each_portals_editor_lists_and_opens_only_its_own_documents(
    sub_editor, province_editor, documents, site, subsite
):
    province_doc, sub_doc = documents
    for user, own, other in ((sub_editor, sub_doc, province_doc), (province_editor, province_doc, sub_doc)):
        client = signed_in(user)
        listing = client.get(LIST_URL)
        assert listing.status_code == 200
        html = listing.content.decode()
        assert '<html lang="vi"' in html
        assert own.summary in html and other.summary not in html
        # Searching the listing does not reach the other portal's documents either.
        assert other.summary not in client.get(LIST_URL, {"q": other.number}).content.decode()
        assert client.get(f"{LIST_URL}edit/{own.pk}/").status_code == 200
        for url in urls_of(other):
            assert client.get(url).status_code == 404, (user.username, url)
        # A POST changes nothing: neither an edit nor a delete.
        edit = client.post(f"{LIST_URL}edit/{other.pk}/", form_data(summary="Bị sửa", site=own.site_id))
        assert edit.status_code == 404
        assert client.post(f"{LIST_URL}delete/{other.pk}/").status_code == 404
        assert_untouched(other)


def test_bulk_delete_reaches_only_the_editors_own_documents(sub_editor, documents):
    province_doc, sub_doc = documents
    client = signed_in(sub_editor)
    bulk = "/quan-tri/bulk/library/document/delete/"
    # Another portal's document named in the query: as if it did not exist.
    assert client.get(bulk, {"id": [province_doc.pk]}).status_code == 404
    assert client.post(f"{bulk}?id={province_doc.pk}&id={sub_doc.pk}").status_code == 404
    assert Document.objects.filter(pk__in=[province_doc.pk, sub_doc.pk]).count() == 2
    # "Every item in the listing" means every item of the editor's listing.
    confirm = client.get(bulk, {"id": "all"})
    assert confirm.status_code == 200
    assert province_doc.summary not in confirm.content.decode()
    client.post(f"{bulk}?id=all")
    assert not Document.objects.filter(pk=sub_doc.pk).exists()
    assert_untouched(province_doc)


def test_a_sub_portal_editors_new_document_lands_on_its_portal(sub_editor, subsite, site):
    client = signed_in(sub_editor)
    form = client.get(ADD_URL).content.decode()
    select = form.split('name="site"', 1)[1].split("</select>", 1)[0]
    assert f'value="{subsite.pk}"' in select and f'value="{site.pk}"' not in select
    for site_value in ("", str(subsite.pk)):
        response = client.post(ADD_URL, form_data(number=f"56/KH-UBND{site_value}", site=site_value))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        assert Document.objects.get(number=f"56/KH-UBND{site_value}").site_id == subsite.pk


@pytest.mark.parametrize("hostile", ["PROVINCE", "abc", "-1", "99999999999999999999", "1 OR 1=1", "%00", "[1]"])
def test_hostile_portal_ids_get_a_vietnamese_form_error(sub_editor, site, hostile):
    client = signed_in(sub_editor)
    value = str(site.pk) if hostile == "PROVINCE" else hostile
    response = client.post(ADD_URL, form_data(site=value))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in html
    assert "Kế hoạch chuyển đổi số của huyện" in html  # what was typed is kept
    assert not Document.objects.exists()


def test_moving_an_own_document_to_another_portal_is_refused(sub_editor, documents, site):
    _province_doc, sub_doc = documents
    client = signed_in(sub_editor)
    response = client.post(
        f"{LIST_URL}edit/{sub_doc.pk}/", form_data(number=sub_doc.number, summary=sub_doc.summary, site=site.pk)
    )
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert_untouched(sub_doc)


def test_hostile_document_keys_in_admin_urls_give_no_500(sub_editor):
    client = signed_in(sub_editor)
    for key in ("abc", "1%2527", "99999999999999999999", "%00", "-1"):
        for url in (f"{LIST_URL}edit/{key}/", f"{LIST_URL}delete/{key}/"):
            assert client.get(url).status_code in (302, 400, 404), url
    for ids in (["abc"], ["99999999999999999999"], ["%00"], ["all", "abc"]):
        assert client.get("/quan-tri/bulk/library/document/delete/", {"id": ids}).status_code in (200, 400, 404)


def test_a_superuser_sees_every_portals_documents(documents, subsite):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.vn", "x")
    client = signed_in(boss)
    html = client.get(LIST_URL).content.decode()
    assert all(document.summary in html for document in documents)
    for document in documents:
        assert client.get(f"{LIST_URL}edit/{document.pk}/").status_code == 200


def test_drafts_for_comment_stay_out_of_reach_of_a_sub_portals_staff(subsite, sub_editor):
    """Drafts have no portal: they are install-wide, kept by the units' staff (their own
    group) and the province's Quản trị. A sub-portal's editor or administrator holds no right on them."""
    user = get_user_model().objects.create_user("qt_anbinh", "qt@anbinh.vn", "x")
    call_command("site_role", "qt_anbinh", "admin", SUB_HOST)
    for person in (sub_editor, user):
        client = signed_in(person)
        for url in (
            "/quan-tri/snippets/consultations/draft/",
            "/quan-tri/snippets/consultations/draft/add/",
            "/quan-tri/snippets/consultations/comment/",
        ):
            response = client.get(url)
            assert response.status_code in (302, 403), (person.username, url)
            assert response.get("Location", "/quan-tri/") == "/quan-tri/"


def test_the_relation_chooser_hides_another_portals_unpublished_documents(sub_editor, site, subsite):
    make_document("12-NQ/TU", "Nghị quyết của Tỉnh ủy đã công bố", site=site)
    make_document("13-NQ/TU", "Dự thảo nội bộ của Tỉnh ủy", site=site, is_public=False)
    make_document("34/QĐ-UBND", "Quyết định chưa công bố của huyện", site=subsite, is_public=False)
    client = signed_in(sub_editor)
    for url in ("/quan-tri/snippets/choose/library/document/", "/quan-tri/snippets/choose/library/document/results/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode() if "results" in url else response.json()["html"]
        assert "Nghị quyết của Tỉnh ủy đã công bố" in html
        assert "Quyết định chưa công bố của huyện" in html
        assert "Dự thảo nội bộ của Tỉnh ủy" not in html


def test_the_chosen_answer_of_another_portals_unpublished_document_is_a_404(sub_editor, site, subsite):
    """The chooser's ``chosen/<pk>/`` answers with a document's number and summary: by a guessed
    pk it must not read what the list hides."""
    published = make_document("12-NQ/TU", "Nghị quyết của Tỉnh ủy đã công bố", site=site)
    internal = make_document("13-NQ/TU", "Dự thảo nội bộ của Tỉnh ủy", site=site, is_public=False)
    own = make_document("34/QĐ-UBND", "Quyết định chưa công bố của huyện", site=subsite, is_public=False)
    client = signed_in(sub_editor)
    base = "/quan-tri/snippets/choose/library/document/chosen"
    for document in (published, own):
        response = client.get(f"{base}/{document.pk}/")
        assert response.status_code == 200 and document.summary in response.json()["result"]["string"]
    response = client.get(f"{base}/{internal.pk}/")
    assert response.status_code == 404 and "Dự thảo nội bộ" not in response.content.decode()
    many = client.get(f"{base}-multiple/", {"id": [published.pk, internal.pk]})
    assert many.status_code == 200
    assert [item["id"] for item in many.json()["result"]] == [str(published.pk)]


def test_a_sub_portals_administrator_keeps_its_own_library(subsite, site, documents):
    """The portal role "admin" carries the library's rights (news/roles.py), scoped to its portal:
    no operator step needed for a district office to publish its own văn bản."""
    province_doc, sub_doc = documents
    get_user_model().objects.create_user("qt_thuvien", "qt@anbinh.vn", "x")
    call_command("site_role", "qt_thuvien", "admin", SUB_HOST)
    client = signed_in(get_user_model().objects.get(username="qt_thuvien"))
    html = client.get(LIST_URL).content.decode()
    assert sub_doc.summary in html and province_doc.summary not in html
    response = client.post(ADD_URL, form_data(number="78/TB-UBND", site=""))
    assert response.status_code == 302
    assert Document.objects.get(number="78/TB-UBND").site_id == subsite.pk
    assert client.get(f"{LIST_URL}edit/{province_doc.pk}/").status_code == 404
