"""Liên hệ (/lien-he/): contacts, the guarded form, the per-unit inbox, anonymisation."""

import random
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.support.guard import guard_data
from vnportal.contact.anonymise import anonymise
from vnportal.contact.models import ContactMessage
from vnportal.core.scheduler import registered_jobs

TYPED = {
    "name": "Nguyễn Thị Hoa",
    "email": "hoa@example.vn",
    "phone": "0912 345 678",
    "subject": "Hỏi về giờ tiếp công dân",
    "message": "Xin cho biết giờ tiếp công dân của Văn phòng vào thứ Bảy.",
    "consent": "on",
}


@pytest.fixture
def client():
    # a fresh address per test: with Redis the counters outlive the test's database
    return Client(REMOTE_ADDR=f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}")


def post(client, to, solved=True, **changes):
    data = {**TYPED, "unit": to.pk, **guard_data("contact", solved=solved), **changes}
    return client.post("/lien-he/", data)


def test_the_page_lists_contacts_and_the_form(client, units):
    response = client.get("/lien-he/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Văn phòng UBND tỉnh Sơn Hà" in html and "0210 3 822 111" in html and "vanphong@sonha.example" in html
    assert "Ban không liên hệ" not in html  # not shown on the portal
    assert "Sở Tài nguyên và Môi trường" in html and "Văn phòng" in html  # grouped by kind
    assert 'name="altcha"' in html and 'name="website"' in html and 'name="consent"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_message_is_stored_for_the_unit_and_the_unit_is_emailed(client, units, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, units["office"])
    assert response.status_code == 302 and response["Location"] == "/lien-he/da-gui/"
    message = ContactMessage.objects.get()
    assert (message.unit, message.held, message.status) == (units["office"], False, "new")
    assert message.name == "Nguyễn Thị Hoa"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["vanphong@sonha.example"]
    assert "Hỏi về giờ tiếp công dân" in mail.outbox[0].subject
    assert f"/quan-tri/lien-he/{message.pk}/" in mail.outbox[0].body
    assert "hoa@example.vn" not in mail.outbox[0].body  # personal data stays in the portal
    assert "Cảm ơn" in client.get(response["Location"]).content.decode()


def test_without_javascript_the_message_is_held(client, units):
    response = post(client, units["land"], solved=False)
    assert response.status_code == 302 and response["Location"].endswith("?cho-duyet=1")
    assert ContactMessage.objects.get().held
    assert "cán bộ" in client.get(response["Location"]).content.decode()


def test_errors_are_vietnamese_and_keep_what_was_typed(client, units):
    response = post(client, units["office"], consent="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng đồng ý" in html
    assert "Xin cho biết giờ tiếp công dân của Văn phòng vào thứ Bảy." in html and 'value="Nguyễn Thị Hoa"' in html
    response = post(client, units["office"], unit="999999")
    assert response.status_code == 400 and "Vui lòng chọn một đơn vị" in response.content.decode()
    response = post(client, units["office"], **guard_data("contact", shown_seconds_ago=0))
    html = response.content.decode()
    assert response.status_code == 400 and "quá nhanh" in html and "Hỏi về giờ tiếp công dân" in html
    assert not ContactMessage.objects.exists()


def test_the_address_limit_answers_429_keeping_the_text(client, units, settings):
    settings.GUARD_NOJS_RATE_LIMIT = 1
    assert post(client, units["office"], solved=False).status_code == 302
    response = post(client, units["office"], solved=False)
    assert response.status_code == 429 and "Quá nhiều lượt gửi" in response.content.decode()
    assert "Xin cho biết giờ tiếp công dân" in response.content.decode()
    assert ContactMessage.objects.count() == 1


def _message(unit, subject, **kw):
    return ContactMessage.objects.create(
        unit=unit, name="Lê Văn Nam", email="nam@example.vn", subject=subject, message="Nội dung", **kw
    )


def test_unit_staff_see_only_their_units_messages(client, units, office_staff, land_staff):
    mine = _message(units["office"], "Thư gửi Văn phòng")
    other = _message(units["land"], "Thư gửi Sở Tài nguyên")
    client.force_login(office_staff)
    html = client.get("/quan-tri/lien-he/").content.decode()
    assert "Thư gửi Văn phòng" in html and "Thư gửi Sở Tài nguyên" not in html
    assert client.get(f"/quan-tri/lien-he/{other.pk}/").status_code == 404
    assert client.get(f"/quan-tri/lien-he/{mine.pk}/").status_code == 200
    mine.refresh_from_db()
    assert mine.status == "read"  # opened
    response = client.post(
        f"/quan-tri/lien-he/{mine.pk}/", {"status": "closed", "staff_note": "Đã trả lời qua điện thoại"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "closed" and mine.closed_at and mine.staff_note == "Đã trả lời qua điện thoại"
    # administrators see every unit's messages
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin)
    html = client.get("/quan-tri/lien-he/").content.decode()
    assert "Thư gửi Văn phòng" in html and "Thư gửi Sở Tài nguyên" in html
    html = client.get(f"/quan-tri/lien-he/?unit={units['land'].pk}&status=new").content.decode()
    assert "Thư gửi Sở Tài nguyên" in html and "Thư gửi Văn phòng" not in html


def test_staff_of_no_unit_are_refused(client, units):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("khac", "khac@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/quan-tri/lien-he/").status_code in (302, 403)
    assert "/quan-tri/lien-he/" not in client.get("/quan-tri/").content.decode()


def test_closed_messages_are_anonymised_after_the_configured_time(units, settings):
    settings.CONTACT_ANONYMISE_DAYS = 30
    now = timezone.now()
    old = _message(units["office"], "Cũ", status="closed", closed_at=now - timedelta(days=31))
    recent = _message(units["office"], "Mới đóng", status="closed", closed_at=now - timedelta(days=29))
    open_ = _message(units["office"], "Đang xử lý", created_at=now - timedelta(days=400))
    assert anonymise(now) == 1
    assert anonymise(now) == 0  # twice changes nothing more
    old.refresh_from_db()
    assert old.email == "" and old.phone == "" and "Lê Văn Nam" not in old.name and old.message != "Nội dung"
    assert old.subject == "Cũ" and old.anonymised_at
    for kept in (recent, open_):
        kept.refresh_from_db()
        assert kept.email == "nam@example.vn"
    assert "contact_anonymise" in {name for name, _, _ in registered_jobs()}


def test_the_site_map_lists_contact(client, db):
    assert 'href="/lien-he/"' in client.get("/so-do-cong/").content.decode()


def test_one_persons_messages_are_exported_or_erased_by_administrators_only(client, units, office_staff):
    """Issue 15, point 7: staff can export or erase one person's data from the admin."""
    import json

    mine = _message(units["office"], "Thư thứ nhất")
    _message(units["land"], "Thư thứ hai")
    other = _message(units["office"], "Thư của người khác")
    other.email = "khac@example.vn"
    other.save()
    # a unit's staff see part of the messages only: the whole person's data is not theirs
    client.force_login(office_staff)
    assert client.get("/quan-tri/lien-he/ca-nhan/?email=nam@example.vn").status_code in (302, 403)
    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin)
    html = client.get("/quan-tri/lien-he/ca-nhan/?email=NAM@example.vn").content.decode()
    assert "Thư thứ nhất" in html and "Thư thứ hai" in html and "Thư của người khác" not in html
    assert "Dữ liệu cá nhân" in html and "Xóa dữ liệu cá nhân ngay" in html
    exported = client.post("/quan-tri/lien-he/ca-nhan/", {"email": "nam@example.vn", "action": "export"})
    data = json.loads(exported.content)
    assert {m["subject"] for m in data["messages"]} == {"Thư thứ nhất", "Thư thứ hai"}
    assert all(m["email"] == "nam@example.vn" and m["name"] == "Lê Văn Nam" for m in data["messages"])
    erased = client.post("/quan-tri/lien-he/ca-nhan/", {"email": "nam@example.vn", "action": "erase"}, follow=True)
    assert "Đã xóa dữ liệu cá nhân khỏi 2 thư." in erased.content.decode()
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.email == "" and mine.phone == "" and mine.anonymised_at and mine.subject == "Thư thứ nhất"
    assert other.email == "khac@example.vn"  # nobody else's
    bad = client.get("/quan-tri/lien-he/ca-nhan/?email=khong-phai-thu")
    assert bad.status_code == 200 and "khong-phai-thu" in bad.content.decode()  # the error keeps what was typed
