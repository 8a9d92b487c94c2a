"""The admin dashboard: permission-gated, Vietnamese, with CSV and XLSX exports."""

import io

import pytest
from django.contrib.auth.models import Group, Permission

from tests.support.stats import metric
from vnportal.stats import clock
from vnportal.stats.models import DailySiteCount

DASHBOARD = "/quan-tri/thong-ke/"


@pytest.fixture
def traffic(store, article, get, stats_clock):
    get(article.url, ip="203.0.113.1", HTTP_REFERER="https://www.google.com/")
    get(article.url, ip="203.0.113.2")
    get(article.url, ua="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    store.flush()
    assert metric("visits") == 2


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("bientapvien", password="mat-khau-dai-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_staff_without_the_permission_see_no_statistics(client, editor, db):
    client.force_login(editor)
    # Wagtail turns PermissionDenied into a redirect to the admin home with a message.
    for url in (DASHBOARD, DASHBOARD + "xuat.csv", DASHBOARD + "xuat.xlsx"):
        response = client.get(url)
        assert response.status_code in (302, 403) and not response.has_header("Content-Disposition")
    assert "/quan-tri/thong-ke/" not in client.get("/quan-tri/").content.decode()


def test_the_dashboard_in_vietnamese(client, editor, traffic, article):
    editor.user_permissions.add(Permission.objects.get(codename="view_statistics"))
    client.force_login(editor)
    assert "/quan-tri/thong-ke/" in client.get("/quan-tri/").content.decode()
    html = client.get(DASHBOARD).content.decode()
    for text in (
        "Thống kê truy cập",
        "Người trực tuyến",
        "Bài viết xem nhiều nhất",
        "google.com",
        "Trình thu thập",
        article.title,
        "<svg",
    ):
        assert text in html, text
    assert client.get(DASHBOARD + "?days=365").status_code == 200


def test_exports(client, admin_user, traffic):
    client.force_login(admin_user)
    response = client.get(DASHBOARD + "xuat.csv?days=30")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Ngày,Lượt truy cập,Lượt xem trang") and len(lines) == 31
    assert lines[-1].startswith("2026-11-26,2,2,1,1")

    from openpyxl import load_workbook

    response = client.get(DASHBOARD + "xuat.xlsx?days=30")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Theo ngày"
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[-1][:3] == ("2026-11-26", 2, 2)
    articles = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert articles[1][2] == 2


def test_a_group_can_be_given_the_permission(client, editor, db):
    group = Group.objects.create(name="Thống kê")
    group.permissions.add(Permission.objects.get(codename="view_statistics"))
    editor.groups.add(group)
    client.force_login(editor)
    assert client.get(DASHBOARD).status_code == 200


def test_settings_are_validated(db, site):
    from django.core.exceptions import ValidationError

    from vnportal.stats.models import StatsSettings

    bad = StatsSettings(site=site, starting_offset=-1, online_window_minutes=0, visit_timeout_minutes=1000)
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert set(error.value.message_dict) == {"starting_offset", "online_window_minutes", "visit_timeout_minutes"}


def test_settings_are_edited_in_the_admin_and_used_at_once(store, admin_client, site):
    from django.urls import reverse

    from vnportal.stats import queries

    url = reverse("wagtailsettings:edit", args=["stats", "statssettings", site.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "Số lượt truy cập ban đầu" in page.content.decode()
    response = admin_client.post(
        url, {"starting_offset": "23287504", "online_window_minutes": "5", "visit_timeout_minutes": "30"}
    )
    assert response.status_code == 302
    assert queries.summary(site.pk, use_cache=False)["total"] == 23287504
    bad = admin_client.post(url, {"starting_offset": "-5", "online_window_minutes": "5", "visit_timeout_minutes": "30"})
    assert bad.status_code == 200 and "không được là số âm" in bad.content.decode()
    assert queries.summary(site.pk, use_cache=False)["total"] == 23287504


def test_a_formula_referrer_is_inert_in_both_exports(client, admin_user, store, article, get, stats_clock):
    """A referrer "=1+2" must reach the spreadsheet as text. Capture no longer keeps a referrer
    that is not a host name, so such rows come only from the database as an earlier release
    wrote it; the export must neutralise them all the same."""
    get(article.url, ip="203.0.113.1", HTTP_REFERER="http://=1+2/")
    store.flush()
    assert metric("referrer", key="=1+2") == 0  # refused at capture (not a host name)
    today = clock.local_date(clock.now())
    for key in ("=1+2", "-2+3"):
        DailySiteCount.objects.create(site_id=article.get_site().pk, day=today, metric="referrer", key=key, count=1)
    assert metric("referrer", key="=1+2") == 1
    client.force_login(admin_user)

    response = client.get(DASHBOARD + "xuat.csv?days=30&bang=nguon")
    assert 'filename="thong-ke-30-ngay-nguon.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Tên miền,Lượt truy cập"
    assert sorted(lines[1:]) == ["'-2+3,1", "'=1+2,1"]
    assert not any(line.startswith(("=", "-")) for line in lines)

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(client.get(DASHBOARD + "xuat.xlsx?days=30").content))
    cells = [row[0] for row in workbook["Nguồn giới thiệu"].iter_rows(min_row=2)]
    assert sorted(cell.value for cell in cells) == ["'-2+3", "'=1+2"]
    assert {cell.data_type for cell in cells} == {"s"}  # text, not a formula
    formulas = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
