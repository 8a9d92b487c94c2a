"""Staff two-factor sign-in: required for accounts that can publish in the production profile,
optional on a laptop; TOTP through an authenticator app, backup codes, and a recovery command."""

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page

from vnportal.accounts import twofactor

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-rat-dai-2026"
ROOT = Path(__file__).resolve().parents[2]


def _staff_group(name, page_permissions):
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    root = Page.objects.get(depth=1)
    for codename in page_permissions:
        GroupPagePermission.objects.create(
            group=group,
            page=root,
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
        )
    return group


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user("lanhdao", "ld@example.vn", PASSWORD)
    user.groups.add(_staff_group("Duyệt đăng", ["add_page", "change_page", "publish_page"]))
    return user


@pytest.fixture
def reporter(django_user_model):
    user = django_user_model.objects.create_user("phongvien", "pv@example.vn", PASSWORD)
    user.groups.add(_staff_group("Viết bài", ["add_page"]))
    return user


def admin_login(username):
    client = Client()
    response = client.post("/quan-tri/login/", {"username": username, "password": PASSWORD, "next": "/quan-tri/"})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def code_for(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def test_who_can_publish(publisher, reporter, django_user_model):
    boss = django_user_model.objects.create_superuser("sep", "sep@example.vn", PASSWORD)
    approver = django_user_model.objects.create_user("duyet", "duyet@example.vn", PASSWORD)
    approvers = _staff_group("Người duyệt", ["add_page"])
    approver.groups.add(approvers)
    GroupApprovalTask.objects.create(name="Duyệt bài").groups.add(approvers)
    assert twofactor.can_publish(boss) and twofactor.can_publish(publisher) and twofactor.can_publish(approver)
    assert not twofactor.can_publish(reporter)


def test_publisher_in_production_needs_the_second_factor_and_gets_in_with_a_valid_code(publisher, settings):
    settings.STAFF_2FA_REQUIRED = True  # the production profile's default (test below)
    client = admin_login("lanhdao")
    for path in ("/quan-tri/", "/quan-tri/pages/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/quan-tri/xac-thuc/thiet-lap/"), path
    enrol = client.get("/quan-tri/xac-thuc/thiet-lap/?next=/quan-tri/pages/")
    html = enrol.content.decode()
    assert enrol.status_code == 200 and "Thiết lập đăng nhập hai bước" in html and "<svg" in html
    device = TOTPDevice.objects.get(user=publisher)
    assert not device.confirmed
    wrong = client.post("/quan-tri/xac-thuc/thiet-lap/", {"code": "000000", "next": "/quan-tri/pages/"})
    assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert client.get("/quan-tri/").status_code == 302
    time.sleep(1.1)  # after one wrong code django-otp accepts the next try a second later
    done = client.post("/quan-tri/xac-thuc/thiet-lap/", {"code": code_for(device), "next": "/quan-tri/pages/"})
    codes = re.findall(r"<li><code>([a-z0-9]{8})</code></li>", done.content.decode())
    assert done.status_code == 200 and len(codes) == 10
    assert client.get("/quan-tri/").status_code == 200

    # the next sign-in asks for a code first
    later = admin_login("lanhdao")
    asked = later.get("/quan-tri/pages/")
    assert asked.status_code == 302 and asked["Location"].startswith("/quan-tri/xac-thuc/?")
    page = later.get(asked["Location"]).content.decode()
    assert "Đăng nhập hai bước" in page and 'name="code"' in page
    refused = later.post("/quan-tri/xac-thuc/", {"code": "123456", "next": "/quan-tri/pages/"})
    assert refused.status_code == 200 and later.get("/quan-tri/").status_code == 302
    time.sleep(1.1)
    ok = later.post("/quan-tri/xac-thuc/", {"code": code_for(device, steps_ahead=1), "next": "/quan-tri/pages/"})
    assert ok.status_code == 302 and ok["Location"] == "/quan-tri/pages/"
    assert later.get("/quan-tri/").status_code == 200

    # a backup code works once
    third = admin_login("lanhdao")
    assert third.post("/quan-tri/xac-thuc/", {"code": codes[0].upper()}).status_code == 302
    assert third.get("/quan-tri/").status_code == 200
    fourth = admin_login("lanhdao")
    assert fourth.post("/quan-tri/xac-thuc/", {"code": codes[0]}).status_code == 200
    assert fourth.get("/quan-tri/").status_code == 302


def test_reporter_signs_in_as_before(reporter, settings):
    settings.STAFF_2FA_REQUIRED = False  # the embedded profile's default
    client = admin_login("phongvien")
    assert client.get("/quan-tri/").status_code == 200
    # in production too, an account that cannot publish is not asked
    settings.STAFF_2FA_REQUIRED = True
    assert admin_login("phongvien").get("/quan-tri/").status_code == 200


def test_publisher_on_a_laptop_is_not_asked_unless_enrolled(publisher, settings):
    settings.STAFF_2FA_REQUIRED = False
    client = admin_login("lanhdao")
    assert client.get("/quan-tri/").status_code == 200
    enrol = client.get("/quan-tri/xac-thuc/thiet-lap/")
    assert enrol.status_code == 200  # opt-in
    device = TOTPDevice.objects.get(user=publisher)
    client.post("/quan-tri/xac-thuc/thiet-lap/", {"code": code_for(device)})
    # having enrolled, the code is asked at every sign-in
    assert admin_login("lanhdao").get("/quan-tri/").status_code == 302


def test_recovery_with_a_one_time_code_from_the_command_line(publisher, settings):
    settings.STAFF_2FA_REQUIRED = True
    device = TOTPDevice.objects.create(user=publisher, name="totp", confirmed=True)
    assert device.confirmed
    out = io.StringIO()
    call_command("addstatictoken", "lanhdao", stdout=out)
    code = out.getvalue().strip()
    client = admin_login("lanhdao")
    assert client.get("/quan-tri/").status_code == 302
    assert client.post("/quan-tri/xac-thuc/", {"code": code}).status_code == 302
    assert client.get("/quan-tri/").status_code == 200


def test_next_never_leads_off_the_site(publisher, settings):
    settings.STAFF_2FA_REQUIRED = True
    device = TOTPDevice.objects.create(user=publisher, name="totp", confirmed=True)
    client = admin_login("lanhdao")
    answer = client.post("/quan-tri/xac-thuc/", {"code": code_for(device), "next": "https://ke-xau.example/"})
    assert answer.status_code == 302 and answer["Location"] == "/quan-tri/"


def _settings_of(module, env):
    code = f"import json, importlib; s = importlib.import_module({module!r}); print(json.dumps(s.STAFF_2FA_REQUIRED))"
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "STAFF_2FA_REQUIRED"}
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-1500:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_required_in_production_by_default_off_on_a_laptop(tmp_path):
    production = {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example.vn",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "VNPORTAL_DATA_DIR": str(tmp_path),
    }
    assert _settings_of("vnportal.settings.production", production) is True
    assert _settings_of("vnportal.settings.production", {**production, "STAFF_2FA_REQUIRED": "0"}) is False
    assert _settings_of("vnportal.settings.base", {"VNPORTAL_DATA_DIR": str(tmp_path)}) is False


def test_recovery_by_removing_the_devices(publisher, settings):
    settings.STAFF_2FA_REQUIRED = True
    TOTPDevice.objects.create(user=publisher, name="totp", confirmed=True)
    assert admin_login("lanhdao").get("/quan-tri/")["Location"].startswith("/quan-tri/xac-thuc/?")
    out = io.StringIO()
    call_command("two_factor_reset", "lanhdao", stdout=out)
    assert "Removed 1" in out.getvalue() and not TOTPDevice.objects.filter(user=publisher).exists()
    # asked to enrol a new phone, not for a code from the lost one
    assert admin_login("lanhdao").get("/quan-tri/")["Location"].startswith("/quan-tri/xac-thuc/thiet-lap/")
    with pytest.raises(CommandError):
        call_command("two_factor_reset", "khong-co")
