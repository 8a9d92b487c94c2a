"""Staff: drafts and the comments inbox filtered to the drafting unit's staff (administrators
see all), moderation, the summary (page, CSV, XLSX), one person's data (export, erase), the
erasure job, and every screen in Vietnamese for the roles that use them."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.core.test_admin_vietnamese import ENGLISH_RE, glued, untranslated, visible_text  # noqa: F401
from tests.support.users import staff_user
from vnportal.consultations import privacy
from vnportal.consultations.models import Comment, CommentAnswer, Draft
from vnportal.news.roles import EDITOR, LEADER, REPORTER
from vnportal.search.models import IndexEntry

SNIPPETS = "/quan-tri/snippets/consultations"


@pytest.fixture
def comments(draft, make_draft, other_unit):
    other = make_draft(slug="cua-don-vi-khac", unit=other_unit)
    mine = Comment.objects.create(
        draft=draft,
        article=draft.articles.first(),
        name="Phạm Thị Dung",
        email="dung@example.vn",
        phone="0900000001",
        content="Góp ý về Điều 1.",
    )
    CommentAnswer.objects.create(comment=mine, question=draft.questions.first(), text="Đồng ý")
    theirs = Comment.objects.create(draft=other, name="Người khác", email="khac@example.vn", content="Góp ý khác.")
    return {"mine": mine, "theirs": theirs, "other_draft": other}


def test_unit_staff_see_only_their_units_drafts_and_comments(client, unit_staff, draft, comments):
    client.force_login(unit_staff)
    drafts = client.get(f"{SNIPPETS}/draft/").content.decode()
    assert draft.title in drafts and f"/draft/edit/{comments['other_draft'].pk}/" not in drafts
    inbox = client.get(f"{SNIPPETS}/comment/").content.decode()
    assert f"/comment/edit/{comments['mine'].pk}/" in inbox
    assert f"/comment/edit/{comments['theirs'].pk}/" not in inbox
    assert client.get(f"{SNIPPETS}/comment/edit/{comments['theirs'].pk}/").status_code in (302, 403)
    assert client.get(f"{SNIPPETS}/draft/edit/{comments['other_draft'].pk}/").status_code in (302, 403)
    assert client.get(f"/quan-tri/gop-y-du-thao/{comments['other_draft'].pk}/tong-hop/").status_code == 404
    # The other unit's comment cannot be moderated by POST either.
    client.post(f"{SNIPPETS}/comment/edit/{comments['theirs'].pk}/", {"status": "published"})
    comments["theirs"].refresh_from_db()
    assert comments["theirs"].status == Comment.Status.PENDING


def test_superuser_sees_every_unit(client, django_user_model, draft, comments):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.vn", "x"))
    inbox = client.get(f"{SNIPPETS}/comment/").content.decode()
    assert f"/comment/edit/{comments['mine'].pk}/" in inbox and f"/comment/edit/{comments['theirs'].pk}/" in inbox
    # Comments come from the public form only: no "add" in the admin, even for a superuser.
    assert f"{SNIPPETS}/comment/add/" not in inbox
    assert client.get(f"{SNIPPETS}/comment/add/").status_code in (302, 403)


@pytest.mark.parametrize("role", [REPORTER, EDITOR, LEADER])
def test_newsroom_roles_have_no_access(client, role, draft, comments):
    user = staff_user(f"u{abs(hash(role)) % 10000}", role)
    client.force_login(user)
    for url in (f"{SNIPPETS}/comment/", f"{SNIPPETS}/draft/", f"/quan-tri/gop-y-du-thao/{draft.pk}/tong-hop/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url


def test_moderating_publishes_and_records_who(client, unit_staff, draft, comments, django_capture_on_commit_callbacks):
    client.force_login(unit_staff)
    edit = client.get(f"{SNIPPETS}/comment/edit/{comments['mine'].pk}/")
    assert edit.status_code == 200 and "dung@example.vn" in edit.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{SNIPPETS}/comment/edit/{comments['mine'].pk}/", {"status": "published"})
    assert response.status_code == 302
    comment = Comment.objects.get(pk=comments["mine"].pk)
    assert comment.status == Comment.Status.PUBLISHED
    assert comment.moderated_by == unit_staff and comment.moderated_at is not None
    assert comment.content == "Góp ý về Điều 1." and comment.email == "dung@example.vn"  # read-only fields kept
    assert "Góp ý về Điều 1." in client.get(draft.get_absolute_url()).content.decode()
    client.post(f"{SNIPPETS}/comment/edit/{comment.pk}/", {"status": "rejected"})
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REJECTED
    client.logout()
    assert "Góp ý về Điều 1." not in client.get(draft.get_absolute_url()).content.decode()


def test_unit_staff_create_a_draft_for_their_unit(client, unit_staff, unit, other_unit):
    client.force_login(unit_staff)
    now = timezone.localtime()
    data = {
        "title": "Dự thảo mới",
        "slug": "du-thao-moi",
        "unit": unit.pk,
        "summary": "Tóm tắt",
        "content": "",
        "opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now - timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
        "is_public": "on",
    }
    for prefix in ("files", "questions", "articles"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    refused = client.post(f"{SNIPPETS}/draft/add/", data)
    assert refused.status_code == 200 and "phải kết thúc sau" in refused.content.decode()
    assert other_unit.name not in refused.content.decode()  # only their own units are offered
    not_theirs = client.post(f"{SNIPPETS}/draft/add/", {**data, "unit": other_unit.pk, "closes_at": "2099-01-01 00:00"})
    assert not_theirs.status_code == 200 and not Draft.objects.filter(slug="du-thao-moi").exists()
    data["closes_at"] = (now + timedelta(days=10)).strftime("%Y-%m-%d %H:%M")
    data.update({"questions-TOTAL_FORMS": "1", "questions-0-text": "Có nên giảm phí không?", "questions-0-ORDER": "1"})
    assert client.post(f"{SNIPPETS}/draft/add/", data).status_code == 302
    draft = Draft.objects.get(slug="du-thao-moi")
    assert draft.is_open() and draft.questions.get().text == "Có nên giảm phí không?"
    # Indexed with its questions (saved after the draft's own row).
    assert "giảm phí" in IndexEntry.objects.get(kind="draft", object_id=draft.pk).body


def test_the_summary_page_csv_and_xlsx(client, unit_staff, draft, comments):
    mine = comments["mine"]
    Comment.objects.filter(pk=mine.pk).update(status=Comment.Status.PUBLISHED)
    Comment.objects.create(draft=draft, content='=HYPERLINK("http://x")', status=Comment.Status.PUBLISHED)
    Comment.objects.create(draft=draft, content="Chờ", status=Comment.Status.PENDING)
    client.force_login(unit_staff)
    page = client.get(f"/quan-tri/gop-y-du-thao/{draft.pk}/tong-hop/").content.decode()
    assert "Tổng hợp góp ý" in page and "consultation-summary.css" in page
    assert "Góp ý về Điều 1." in page and "Chờ" not in page.split("Ý kiến đã công bố")[-1]
    assert "dung@example.vn" not in page  # the report carries no contact details
    csv = client.get(f"/quan-tri/gop-y-du-thao/{draft.pk}/tong-hop/?format=csv")
    text = csv.content.decode("utf-8-sig")
    assert "Điều 1. Nội dung Điều 1,1" in text and "Toàn bộ dự thảo,1" in text and "Câu 1?,1" in text
    assert "'=HYPERLINK" in text and "dung@example.vn" not in text
    xlsx = client.get(f"/quan-tri/gop-y-du-thao/{draft.pk}/tong-hop/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Góp ý về Điều 1." in values and "Đồng ý" in values


def test_one_persons_data_exported_and_erased(client, unit_staff, comments):
    client.force_login(unit_staff)
    found = client.get("/quan-tri/gop-y-du-thao/du-lieu-ca-nhan/?email=DUNG@example.vn").content.decode()
    assert "Tìm thấy 1 góp ý." in found
    other = client.get("/quan-tri/gop-y-du-thao/du-lieu-ca-nhan/?email=khac@example.vn").content.decode()
    assert "Tìm thấy 0 góp ý." in other  # another unit's commenter is not theirs to see
    export = client.post("/quan-tri/gop-y-du-thao/du-lieu-ca-nhan/", {"email": "dung@example.vn", "action": "export"})
    assert "dung@example.vn" in export.content.decode("utf-8-sig") and "0900000001" in export.content.decode(
        "utf-8-sig"
    )
    client.post("/quan-tri/gop-y-du-thao/du-lieu-ca-nhan/", {"email": "dung@example.vn", "action": "erase"})
    comment = Comment.objects.get(pk=comments["mine"].pk)
    assert (comment.name, comment.email, comment.phone) == ("", "", "") and comment.erased_at
    assert comment.content == "Góp ý về Điều 1."
    assert Comment.objects.get(pk=comments["theirs"].pk).email == "khac@example.vn"


def test_the_erasure_job_waits_for_the_window_and_the_summary(settings, make_draft):
    settings.CONSULTATIONS_ERASE_AFTER_DAYS = 30
    long_closed = make_draft(slug="xa", opens=-100, closes=-40)
    person = Comment.objects.create(draft=long_closed, name="Hoàng Văn Em", email="em@example.vn", content="x")
    organisation = Comment.objects.create(
        draft=long_closed, kind="organisation", name="Hội Cựu chiến binh", email="ccb@example.vn", content="y"
    )
    recent = make_draft(slug="gan", opens=-20, closes=-5)
    kept = Comment.objects.create(draft=recent, name="Vũ Thị Gấm", email="gam@example.vn", content="z")
    assert privacy.erase_due() == 0  # no summary done yet: the unit may still write back
    Draft.objects.filter(pk__in=[long_closed.pk, recent.pk]).update(summary_done_at=timezone.now() - timedelta(days=35))
    assert privacy.erase_due() == 2
    assert privacy.erase_due() == 0  # safe to run twice
    person.refresh_from_db(), organisation.refresh_from_db(), kept.refresh_from_db()
    assert (person.name, person.email) == ("", "")
    assert (organisation.name, organisation.email) == ("Hội Cựu chiến binh", "")
    assert kept.email == "gam@example.vn"  # closed 5 days ago: not yet


@pytest.mark.parametrize("who", ["unit_staff", "superuser"])
def test_screens_are_vietnamese(client, request, who, draft, comments, untranslated, django_user_model):  # noqa: F811
    user = (
        request.getfixturevalue("unit_staff")
        if who == "unit_staff"
        else django_user_model.objects.create_superuser("boss", "boss@example.vn", "x")
    )
    client.force_login(user)
    screens = [
        f"{SNIPPETS}/draft/",
        f"{SNIPPETS}/draft/add/",
        f"{SNIPPETS}/draft/edit/{draft.pk}/",
        f"{SNIPPETS}/comment/",
        f"{SNIPPETS}/comment/edit/{comments['mine'].pk}/",
        f"/quan-tri/gop-y-du-thao/{draft.pk}/tong-hop/",
        "/quan-tri/gop-y-du-thao/du-lieu-ca-nhan/?email=dung@example.vn",
    ]
    problems = []
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        for text in visible_text(response.content.decode()):
            problems += [f"{url}: English {word!r} in {text[:100]!r}" for word in ENGLISH_RE.findall(text)]
            if glued(text):
                problems.append(f"{url}: missing space in {text[:100]!r}")
    problems += [f"untranslated msgid {message!r}" for message in sorted(untranslated)]
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.django_db
def test_the_unit_staff_group_exists_with_its_rights():
    group = Group.objects.get(name="Cán bộ đơn vị (góp ý dự thảo)")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_comment", "change_draft", "add_draft"} <= codenames
    assert "delete_comment" not in codenames
