"""Every state change and who may make it (handling.py, permissions.py), with history and e-mails."""

import datetime

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from vnportal.questions import codes, handling, mail, privacy, reminders
from vnportal.questions.models import Event, OutgoingEmail, Question

Status = Question.Status
pytestmark = pytest.mark.django_db


def statuses(question):
    return list(Event.objects.filter(question=question).values_list("status", flat=True))


def outbox_subjects():
    return list(OutgoingEmail.objects.values_list("subject", flat=True))


def test_submit_stores_code_due_date_history_and_queues_received_email(submit):
    q = submit()
    assert q.status == Status.RECEIVED
    assert len(q.code) == codes.LENGTH and set(q.code) <= set(codes.ALPHABET)
    assert q.due_on >= timezone.localdate()
    assert statuses(q) == ["received"]
    row = OutgoingEmail.objects.get()
    assert row.recipients() == ["binh@example.vn"]
    assert codes.display(q.code) in row.body and "http://testserver/hoi-dap/tra-cuu/" in row.body
    assert not django_mail.outbox  # nothing sent inside the transaction: the job sends it


def test_codes_are_random_not_a_sequence(submit):
    seen = {submit(title=f"Câu hỏi {i}").code for i in range(30)}
    assert len(seen) == 30


def test_full_path_received_assigned_answered_published(submit, unit, coordinator, unit_staff):
    q = submit()
    q = handling.assign(q, unit, coordinator)
    assert (q.status, q.unit) == (Status.ASSIGNED, unit)
    q = handling.answer(q, "<p>Lịch thi vào tháng 6.</p>", unit_staff)
    assert q.status == Status.ANSWERED and q.answered_by == unit_staff
    q = handling.publish(q, unit_staff)
    assert q.status == Status.PUBLISHED and q.published_at and q.closed_at
    assert statuses(q) == ["received", "assigned", "answered", "published"]
    assert q.display_name == "N.V.B."  # the asker chose initials (the default)
    assert len(outbox_subjects()) == 3  # received, assigned (to the unit), answered


def test_assigned_email_goes_to_unit_and_its_staff_with_admin_link(submit, unit, coordinator, unit_staff):
    handling.assign(submit(), unit, coordinator)
    row = OutgoingEmail.objects.order_by("-pk").first()
    assert set(row.recipients()) == {"sgd@sonha.example.vn", "canbo@example.vn"}
    assert "http://testserver/quan-tri/hoi-dap/" in row.body
    assert "binh@example.vn" not in row.body and "Nguyễn Văn Bình" not in row.body


def test_only_coordinators_assign(submit, unit, unit_staff):
    with pytest.raises(handling.TransitionError, match="Tổ Hỏi đáp|coordinators|điều phối"):
        handling.assign(submit(), unit, unit_staff)


def test_staff_of_another_unit_cannot_answer(submit, unit, make_unit, coordinator):
    from tests.support.users import staff_user

    other = make_unit(slug="so-y-te", name="Sở Y tế", email="syt@sonha.example.vn")
    outsider = staff_user("khac", "Cán bộ đơn vị")
    other.staff.add(outsider)
    q = handling.assign(submit(), unit, coordinator)
    with pytest.raises(handling.TransitionError):
        handling.answer(q, "<p>x</p>", outsider)
    q.refresh_from_db()
    assert q.status == Status.ASSIGNED and not q.answer


def test_cannot_answer_before_assignment_or_twice(submit, unit, coordinator, unit_staff):
    q = submit()
    with pytest.raises(handling.TransitionError):
        handling.answer(q, "<p>x</p>", coordinator)
    q = handling.assign(q, unit, coordinator)
    handling.answer(q, "<p>một</p>", unit_staff)
    with pytest.raises(handling.TransitionError, match="Reload|Tải lại|tải lại"):
        handling.answer(q, "<p>hai</p>", unit_staff)  # the stale object still says "assigned"
    q.refresh_from_db()
    assert q.answer == "<p>một</p>"
    assert statuses(q).count("answered") == 1


def test_reassign_to_another_unit(submit, unit, make_unit, coordinator):
    other = make_unit(slug="so-y-te", name="Sở Y tế", email="syt@sonha.example.vn")
    q = handling.assign(submit(), unit, coordinator)
    q = handling.assign(q, other, coordinator)
    assert q.unit == other
    assert statuses(q) == ["received", "assigned", "assigned"]


def test_close_without_publishing(submit, unit, coordinator, unit_staff):
    q = handling.answer(handling.assign(submit(), unit, coordinator), "<p>Đã trả lời.</p>", unit_staff)
    q = handling.close(q, unit_staff)
    assert q.status == Status.CLOSED and q.closed_at
    with pytest.raises(handling.TransitionError):
        handling.publish(q, unit_staff)


def test_refuse_needs_a_reason_and_emails_it(submit, coordinator):
    q = submit()
    with pytest.raises(handling.TransitionError):
        handling.refuse(q, "   ", coordinator)
    q = handling.refuse(q, "Nội dung không thuộc thẩm quyền của tỉnh.", coordinator)
    assert q.status == Status.REFUSED and q.closed_at
    assert Event.objects.filter(question=q, status="refused").get().note == "Nội dung không thuộc thẩm quyền của tỉnh."
    assert "Nội dung không thuộc thẩm quyền" in OutgoingEmail.objects.order_by("-pk").first().body
    with pytest.raises(handling.TransitionError):
        handling.assign(q, None, coordinator)


def test_publish_never_shows_more_of_the_name_than_allowed(submit, unit, coordinator, unit_staff):
    q = submit(name_shown=Question.NameShown.HIDDEN)
    q = handling.answer(handling.assign(q, unit, coordinator), "<p>a</p>", unit_staff)
    q = handling.publish(q, unit_staff, Question.NameShown.FULL)
    assert q.display_name == ""
    q2 = submit(name_shown=Question.NameShown.FULL, title="Câu hỏi khác")
    q2 = handling.answer(handling.assign(q2, unit, coordinator), "<p>a</p>", unit_staff)
    assert handling.publish(q2, unit_staff, Question.NameShown.INITIALS).display_name == "N.V.B."


def test_unpublish_returns_to_answered(submit, unit, coordinator, unit_staff):
    q = handling.publish(handling.answer(handling.assign(submit(), unit, coordinator), "<p>a</p>", unit_staff), None)
    q = handling.unpublish(q, unit_staff)
    assert q.status == Status.ANSWERED and q.closed_at is None


def test_merge_duplicate_follows_the_kept_request(submit, unit, coordinator, unit_staff):
    kept = handling.assign(submit(), unit, coordinator)
    dup = handling.assign(submit(email="an@example.vn", name="Lê An"), unit, coordinator)
    dup = handling.merge(dup, kept, unit_staff)
    assert dup.status == Status.MERGED and dup.merged_into == kept
    handling.answer(kept, "<p>Trả lời chung.</p>", unit_staff)
    dup.refresh_from_db()
    assert handling.followed(dup).answer == "<p>Trả lời chung.</p>"
    with pytest.raises(handling.TransitionError):
        handling.merge(kept, kept, unit_staff)
    with pytest.raises(handling.TransitionError):
        handling.merge(submit(title="Ba"), dup, coordinator)  # the kept one must not itself be merged


def test_outbox_sent_by_job_with_retry_and_backoff(submit, monkeypatch):
    submit()
    calls = {"n": 0}
    real_send = mail.EmailMessage.send

    def failing(self, *args, **kwargs):
        calls["n"] += 1
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(mail.EmailMessage, "send", failing)
    now = timezone.now()
    assert mail.send_due(now) == (0, 1)
    row = OutgoingEmail.objects.get()
    assert row.attempts == 1 and row.sent_at is None and row.next_attempt_at == now + datetime.timedelta(minutes=1)
    assert mail.send_due(now) == (0, 0)  # not due yet
    assert mail.send_due(now + datetime.timedelta(minutes=1)) == (0, 1)
    row.refresh_from_db()
    assert row.next_attempt_at == now + datetime.timedelta(minutes=3)  # 1 + 2 minutes
    monkeypatch.setattr(mail.EmailMessage, "send", real_send)
    assert mail.send_due(now + datetime.timedelta(minutes=3)) == (1, 0)
    assert len(django_mail.outbox) == 1 and django_mail.outbox[0].to == ["binh@example.vn"]
    assert mail.send_due(now + datetime.timedelta(hours=1)) == (0, 0)  # sent once only
    assert calls["n"] == 2


def test_outbox_gives_up_after_max_attempts(submit, monkeypatch):
    submit()
    monkeypatch.setattr(mail.EmailMessage, "send", lambda self: (_ for _ in ()).throw(OSError("x")))
    moment = timezone.now()
    for _ in range(mail.MAX_ATTEMPTS):
        mail.send_due(moment)
        moment += datetime.timedelta(hours=7)
    row = OutgoingEmail.objects.get()
    assert row.failed and row.attempts == mail.MAX_ATTEMPTS


def test_rolled_back_change_queues_no_email(submit):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        submit()
        raise RuntimeError("the request failed later")
    assert not OutgoingEmail.objects.exists() and not Question.objects.exists()


def test_overdue_reminder_once_a_day_to_unit(submit, unit, coordinator):
    q = handling.assign(submit(), unit, coordinator)
    OutgoingEmail.objects.all().delete()
    later = q.due_on + datetime.timedelta(days=1)
    assert reminders.send_reminders(q.due_on) == 0  # due today is not overdue
    assert reminders.send_reminders(later) == 1
    row = OutgoingEmail.objects.get()
    assert row.recipients() == ["sgd@sonha.example.vn"] and q.title in row.body
    assert reminders.send_reminders(later) == 0  # the job runs hourly: once a day
    assert reminders.send_reminders(later + datetime.timedelta(days=1)) == 1


def test_overdue_reminder_to_the_heads_public_email(submit, make_unit, coordinator):
    from vnportal.agency.models import Person

    head = Person.objects.create(name="Hoàng Văn Tâm", title="Giám đốc", public_email="tam@sonha.example.vn")
    unit = make_unit(slug="so-y-te", name="Sở Y tế", email="", head=head)
    q = handling.assign(submit(), unit, coordinator)
    OutgoingEmail.objects.all().delete()
    reminders.send_reminders(q.due_on + datetime.timedelta(days=3))
    assert OutgoingEmail.objects.get().recipients() == ["tam@sonha.example.vn"]


def test_anonymised_after_keeping_time(submit, unit, coordinator, unit_staff, settings):
    settings.QUESTIONS_KEEP_CONTACT_DAYS = 30
    q = handling.publish(handling.answer(handling.assign(submit(), unit, coordinator), "<p>a</p>", unit_staff), None)
    open_one = submit(title="Đang xử lý")
    assert privacy.anonymise_expired(timezone.now() + datetime.timedelta(days=29)) == 0
    assert privacy.anonymise_expired(timezone.now() + datetime.timedelta(days=31)) == 1
    q.refresh_from_db()
    open_one.refresh_from_db()
    assert (q.name, q.email, q.phone, q.address) == ("", "", "", "") and q.anonymised_at
    assert q.display_name == "N.V.B." and q.status == Status.PUBLISHED  # the public answer stays
    assert open_one.email == "binh@example.vn"


def test_export_and_erase_one_person(submit):
    submit(phone="0912 345 678")
    submit(title="Thứ hai")
    submit(email="khac@example.vn", title="Người khác")
    data = privacy.export("BINH@example.vn ")
    assert data.count('"tracking_code"') == 2 and "0912 345 678" in data and "khac@example.vn" not in data
    assert privacy.erase("binh@example.vn") == 2
    assert not Question.objects.filter(email="binh@example.vn").exists()
    assert Question.objects.filter(email="khac@example.vn").exists()
