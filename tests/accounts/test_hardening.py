"""Accounts hardening: single-use links, registration and reset that tell strangers nothing,
removal of never-confirmed registrations, Vietnamese common passwords, login throttling
per address across usernames and per account across addresses."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone

from vnportal.accounts.models import PendingActivation
from vnportal.core import scheduler

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-rat-dai-2026"
User = get_user_model()


def register(client=None, username="nguyenvana", email="vana@example.vn", password=PASSWORD):
    return (client or Client()).post(
        "/thanh-vien/dang-ky/", {"username": username, "email": email, "password1": password, "password2": password}
    )


def link_in(message):
    return re.search(r"https?://[^\s]+", message.body).group(0)


def test_activation_link_works_once_and_never_after_an_administrator_deactivates():
    register()
    url = link_in(mail.outbox[0])
    assert Client().get(url).status_code == 302
    user = User.objects.get(username="nguyenvana")
    assert user.is_active and not PendingActivation.objects.exists()
    # an administrator deactivates the account; the old link must not bring it back
    user.is_active = False
    user.save()
    answer = Client().get(url)
    assert answer.status_code == 400 and "đã được sử dụng" in answer.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_an_unconfirmed_registration_deactivated_by_an_administrator_stays_inactive():
    register()
    url = link_in(mail.outbox[0])
    user = User.objects.get(username="nguyenvana")
    user.first_name = "Spam"
    user.save()  # an administrator saves it, inactive
    assert Client().get(url).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_reset_link_is_single_use_and_dies_when_the_account_is_deactivated():
    member = User.objects.create_user("thanhvien", "tv@example.vn", PASSWORD)
    client = Client()
    client.post("/thanh-vien/quen-mat-khau/", {"email": "tv@example.vn"})
    link = link_in(mail.outbox[-1])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "Mot-mat-khau-moi-2026"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    again = Client().get(link, follow=True).content.decode()
    assert "đã được sử dụng" in again and 'name="new_password1"' not in again
    # a link sent while active is void once an administrator deactivates the account
    Client().post("/thanh-vien/quen-mat-khau/", {"email": "tv@example.vn"})
    link = link_in(mail.outbox[-1])
    member.refresh_from_db()
    member.is_active = False
    member.save()
    page = Client().get(link, follow=True).content.decode()
    assert 'name="new_password1"' not in page and "đã được sử dụng" in page


def _page(response, email):
    html = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_registration_answers_alike_whether_the_address_or_username_exists():
    User.objects.create_user("dacoroi", "owner@example.vn", PASSWORD)
    fresh = register(username="moi", email="new@example.vn")
    taken_address = register(username="khac", email="OWNER@example.vn")
    taken_name = register(username="dacoroi", email="other@example.vn")
    assert fresh.status_code == taken_address.status_code == taken_name.status_code == 200
    assert _page(fresh, "new@example.vn") == _page(taken_address, "OWNER@example.vn")
    assert _page(fresh, "new@example.vn") == _page(taken_name, "other@example.vn")
    assert "Địa chỉ thư điện tử này đã được đăng ký" not in taken_address.content.decode()
    assert "Tên đăng nhập đã được sử dụng" not in taken_name.content.decode()
    assert set(User.objects.values_list("username", flat=True)) == {"dacoroi", "moi"}
    # one e-mail each, to the address typed; the owner is told someone tried
    by_address = {m.to[0].lower(): m for m in mail.outbox}
    assert len(mail.outbox) == 3
    assert "/thanh-vien/xac-nhan/" in by_address["new@example.vn"].body
    owner = by_address["owner@example.vn"]
    assert "Có người vừa thử đăng ký" in owner.subject + owner.body and "/xac-nhan/" not in owner.body
    assert "/thanh-vien/quen-mat-khau/" in owner.body
    other = by_address["other@example.vn"]
    assert "dacoroi" in other.body and "tên đăng nhập khác" in other.body and "/xac-nhan/" not in other.body


def test_password_reset_answers_alike_whether_the_address_exists():
    User.objects.create_user("thanhvien", "tv@example.vn", PASSWORD)
    known = Client().post("/thanh-vien/quen-mat-khau/", {"email": "tv@example.vn"}, follow=True)
    unknown = Client().post("/thanh-vien/quen-mat-khau/", {"email": "nobody@example.vn"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert _page(known, "tv@example.vn") == _page(unknown, "nobody@example.vn")
    assert [m.to for m in mail.outbox] == [["tv@example.vn"]]


def test_an_unconfirmed_registration_does_not_hold_the_address():
    register(username="keochiem", email="vana@example.vn", password="Mat-khau-cua-ke-khac-1")
    squatter_link = link_in(mail.outbox[0])
    register(username="nguyenvana", email="vana@example.vn")
    assert list(User.objects.values_list("username", flat=True)) == ["nguyenvana"]
    assert Client().get(squatter_link).status_code == 400
    assert Client().get(link_in(mail.outbox[1])).status_code == 302


def test_unconfirmed_accounts_are_removed_after_the_documented_days(django_user_model):
    days = settings.ACCOUNT_ACTIVATION_DAYS
    assert "`ACCOUNT_ACTIVATION_DAYS`" in (settings.PACKAGE_DIR.parent / "docs" / "settings.md").read_text()
    assert "accounts_cleanup" in [name for name, _interval, _func in scheduler.registered_jobs()]
    register(username="cu", email="cu@example.vn")
    register(username="moi", email="moi@example.vn")
    PendingActivation.objects.filter(user__username="cu").update(
        created_at=timezone.now() - timedelta(days=days, hours=1)
    )
    PendingActivation.objects.filter(user__username="moi").update(
        created_at=timezone.now() - timedelta(days=days, hours=-1)
    )
    staff = django_user_model.objects.create_user("bientap", "bt@example.vn", PASSWORD, is_active=False)
    member = django_user_model.objects.create_user("thanhvien", "tv@example.vn", PASSWORD)
    scheduler.run_once()
    assert set(User.objects.values_list("username", flat=True)) == {"moi", staff.username, member.username}
    # the address and the username are free again
    register(username="cu", email="cu@example.vn")
    assert User.objects.filter(username="cu", pending_activation__isnull=False).exists()


@pytest.mark.parametrize(
    "password", ["matkhau123", "vietnam123", "123456a@", "hanoi123", "Mật khẩu 123", "Anhyeuem2025"]
)
def test_common_vietnamese_passwords_are_refused_in_vietnamese(password):
    response = register(password=password)
    html = response.content.decode()
    assert response.status_code == 200 and not User.objects.exists()
    assert "phổ biến ở Việt Nam" in html
    # what was typed stays in the form
    assert 'value="nguyenvana"' in html and 'value="vana@example.vn"' in html


def test_django_common_passwords_are_still_refused_in_vietnamese():
    html = register(password="password1").content.decode()
    assert "Mật khẩu này quá phổ biến." in html and not User.objects.exists()


def _fail(address, username):
    return Client(REMOTE_ADDR=address).post("/thanh-vien/dang-nhap/", {"username": username, "password": "sai"})


def test_one_address_is_limited_across_usernames(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_user("thanhvien", "tv@example.vn", PASSWORD)
    assert [_fail("203.0.113.8", name).status_code for name in ("an", "binh", "chi")] == [200, 200, 429]
    locked = Client(REMOTE_ADDR="203.0.113.8").post(
        "/thanh-vien/dang-nhap/", {"username": "thanhvien", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert "tạm thời bị khóa" in locked.content.decode()
    # the account itself is not locked: from another address it logs in
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert other.post("/thanh-vien/dang-nhap/", {"username": "thanhvien", "password": PASSWORD}).status_code == 302


def test_one_account_is_limited_across_addresses(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_user("thanhvien", "tv@example.vn", PASSWORD)
    assert [_fail(f"203.0.113.{n}", "thanhvien").status_code for n in (1, 2, 3)] == [200, 200, 429]
    client = Client(REMOTE_ADDR="198.51.100.9")
    locked = client.post("/thanh-vien/dang-nhap/", {"username": "thanhvien", "password": PASSWORD})
    assert locked.status_code == 429 and "tạm thời bị khóa" in locked.content.decode()
    # another account from that address is not affected
    User.objects.create_user("khac", "khac@example.vn", PASSWORD)
    assert client.post("/thanh-vien/dang-nhap/", {"username": "khac", "password": PASSWORD}).status_code == 302
