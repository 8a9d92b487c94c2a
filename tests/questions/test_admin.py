"""The Hỏi đáp inbox in the admin: who sees what, every action through the screens, in Vietnamese."""

import pytest
from django.contrib.auth.models import Group

from tests.core.test_admin_vietnamese import ENGLISH_RE, untranslated, visible_text  # noqa: F401 (fixture)
from tests.support.users import staff_user
from vnportal.questions import handling
from vnportal.questions.models import Question

pytestmark = pytest.mark.django_db
INBOX = "/quan-tri/hoi-dap/"
# What the rich-text editor (Draftail) posts: one paragraph.
DRAFT = (
    '{"blocks": [{"key": "a", "text": "%s", "type": "unstyled", "depth": 0, "inlineStyleRanges": [],'
    ' "entityRanges": []}], "entityMap": {}}'
)


@pytest.fixture
def two_units(make_unit, unit, submit, coordinator):
    health = make_unit(slug="so-y-te", name="Sở Y tế", email="syt@sonha.example.vn")
    education = unit
    ours = handling.assign(submit(title="Lịch thi lớp 10"), education, coordinator)
    theirs = handling.assign(submit(title="Tiêm chủng mở rộng"), health, coordinator)
    return education, health, ours, theirs


def test_unit_staff_see_only_their_units_items(client, two_units, unit_staff):
    _education, _health, ours, theirs = two_units
    client.force_login(unit_staff)
    html = client.get(INBOX).content.decode()
    assert ours.title in html and theirs.title not in html
    assert client.get(f"{INBOX}{ours.pk}/").status_code == 200
    assert client.get(f"{INBOX}{theirs.pk}/").status_code == 404
    assert client.post(f"{INBOX}{theirs.pk}/answer/", {"answer": "<p>x</p>"}).status_code == 404
    assert client.get(f"{INBOX}du-lieu-ca-nhan/").status_code == 302  # Wagtail: "no permission", to the dashboard


def test_coordinator_sees_all_and_assigns(client, two_units, coordinator, make_unit):
    education, health, ours, theirs = two_units
    client.force_login(coordinator)
    html = client.get(INBOX).content.decode()
    assert ours.title in html and theirs.title in html
    client.post(f"{INBOX}{ours.pk}/assign/", {"unit": health.pk})
    ours.refresh_from_db()
    assert ours.unit == health


def test_someone_without_a_unit_has_no_inbox(client, two_units):
    reporter = staff_user("phongvien", "Phóng viên")
    client.force_login(reporter)
    assert client.get(INBOX).status_code == 302  # Wagtail: "no permission", to the dashboard
    assert "/quan-tri/hoi-dap/" not in client.get("/quan-tri/").content.decode()


def test_answer_publish_through_the_screens(client, two_units, unit_staff):
    _education, _health, ours, _theirs = two_units
    client.force_login(unit_staff)
    response = client.post(f"{INBOX}{ours.pk}/answer/", {"answer": DRAFT % "Thi vào tháng 6."}, follow=True)
    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.status == "answered" and "Thi vào tháng 6." in ours.answer
    client.post(f"{INBOX}{ours.pk}/publish/", {"name_shown": "full"})
    ours.refresh_from_db()
    assert ours.status == "published" and ours.display_name == "N.V.B."  # the asker allowed initials only
    assert client.get(f"/hoi-dap/{ours.pk}/").status_code == 200


def test_second_answer_gets_a_vietnamese_message(client, two_units, unit_staff):
    _education, _health, ours, _theirs = two_units
    handling.answer(ours, "<p>Đã trả lời trước.</p>", unit_staff)
    client.force_login(unit_staff)
    response = client.post(f"{INBOX}{ours.pk}/answer/", {"answer": DRAFT % "Muộn."}, follow=True)
    assert "người khác vừa xử lý" in response.content.decode()
    ours.refresh_from_db()
    assert ours.answer == "<p>Đã trả lời trước.</p>"


def test_broken_editor_data_is_a_message_not_a_500(client, two_units, unit_staff):
    _education, _health, ours, _theirs = two_units
    client.force_login(unit_staff)
    response = client.post(f"{INBOX}{ours.pk}/answer/", {"answer": "<p>không phải JSON"}, follow=True)
    assert response.status_code == 200 and "viết lại" in response.content.decode()
    ours.refresh_from_db()
    assert ours.status == "assigned"


def test_refuse_without_reason_keeps_state(client, two_units, unit_staff):
    _education, _health, ours, _theirs = two_units
    client.force_login(unit_staff)
    response = client.post(f"{INBOX}{ours.pk}/refuse/", {"reason": ""}, follow=True)
    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.status == "assigned"


def test_merge_through_the_screen(client, two_units, coordinator, submit):
    education, _health, ours, _theirs = two_units
    dup = handling.assign(submit(title="Lịch thi lớp 10 (gửi lại)"), education, coordinator)
    client.force_login(coordinator)
    client.post(f"{INBOX}{dup.pk}/merge/", {"kept": ours.pk})
    dup.refresh_from_db()
    assert dup.status == "merged" and dup.merged_into_id == ours.pk


def test_attachment_only_for_staff_of_the_unit(client, field, coordinator, unit, unit_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    q = handling.submit(
        name="A", email="a@example.vn", field=field, title="Có tệp", content="Nội dung có tệp kèm.",
        attachment=SimpleUploadedFile("don.pdf", b"%PDF-1.4 demo"),
    )  # fmt: skip
    assert client.get(f"{INBOX}{q.pk}/tep/").status_code in (302, 403)  # anonymous: sent to sign in
    client.force_login(unit_staff)
    assert client.get(f"{INBOX}{q.pk}/tep/").status_code == 404  # not assigned to their unit yet
    handling.assign(q, unit, coordinator)
    response = client.get(f"{INBOX}{q.pk}/tep/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_person_export_and_erase(client, two_units, coordinator):
    client.force_login(coordinator)
    html = client.get(f"{INBOX}du-lieu-ca-nhan/", {"email": "binh@example.vn"}).content.decode()
    assert "Lịch thi lớp 10" in html and "Tiêm chủng mở rộng" in html
    export = client.post(f"{INBOX}du-lieu-ca-nhan/", {"email": "binh@example.vn", "action": "export"})
    assert export["Content-Type"].startswith("application/json") and "Nguyễn Văn Bình" in export.content.decode()
    client.post(f"{INBOX}du-lieu-ca-nhan/", {"email": "binh@example.vn", "action": "erase"})
    assert not Question.objects.filter(email="binh@example.vn").exists()


@pytest.mark.parametrize("role", ["unit staff", "coordinator", "superuser"])
def test_inbox_screens_are_vietnamese(client, two_units, unit_staff, coordinator, untranslated, role):  # noqa: F811
    from django.contrib.auth import get_user_model

    _education, _health, ours, _theirs = two_units
    users = {
        "unit staff": unit_staff,
        "coordinator": coordinator,
        "superuser": get_user_model().objects.create_superuser("sieu", "s@example.vn", "x"),
    }
    assert Group.objects.filter(name="Cán bộ đơn vị").exists()
    client.force_login(users[role])
    urls = [INBOX, f"{INBOX}?status=overdue", f"{INBOX}?status=all", f"{INBOX}{ours.pk}/"]
    if role != "unit staff":
        urls += [f"{INBOX}du-lieu-ca-nhan/?email=binh%40example.vn", "/quan-tri/snippets/questions/questionfield/"]
        urls += ["/quan-tri/snippets/questions/holiday/"]
    problems = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        for text in visible_text(response.content.decode()):
            for word in ENGLISH_RE.findall(text):
                problems.append(f"{url}: English {word!r} in {text[:120]!r}")
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(sorted(set(problems)))
