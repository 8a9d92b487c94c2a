"""Results in the statistics dashboard: per item, per section, the survey per criterion; exports."""

import io

import pytest
from django.contrib.auth.models import Permission
from openpyxl import load_workbook

from vnportal.ratings import demo
from vnportal.ratings.models import SurveyResponse

PAGE = "/quan-tri/thong-ke/danh-gia/"


@pytest.fixture
def ratings(store, article, make_article, make_section, make_document, rate):
    from django.test import Client

    from vnportal.ratings import items

    other = make_article("Kỳ họp thứ 8 HĐND tỉnh", parent=make_section("Xây dựng Đảng"))
    document = make_document()
    for n, (key, answer) in enumerate(
        [
            (f"p:{article.pk}", "yes"),
            (f"p:{article.pk}", "yes"),
            (f"p:{article.pk}", "no"),
            (f"p:{other.pk}", "no"),
            (f"m:library.document:{document.pk}", "yes"),
        ]
    ):
        rate(
            items.sign(key),
            answer,
            ip=f"198.51.100.{n + 1}",
            using=Client(),
            reason="missing" if answer == "no" else "",
            text="Cần thêm số liệu" if n == 2 else "",
        )
    store.flush()
    SurveyResponse.objects.create(
        day="2026-12-01", visitor="g:a", interface=5, content=4, quality=4, support=3, comment="Tốt"
    )
    SurveyResponse.objects.create(day="2026-12-01", visitor="g:b", interface=3, content=4, quality=2, support=3)
    return {"article": article, "other": other, "document": document}


@pytest.fixture
def viewer(django_user_model):
    user = django_user_model.objects.create_user("thongke", password="mat-khau-dai-123", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_statistics")
    )
    return user


def test_staff_without_the_statistics_permission_see_nothing(client, django_user_model, db):
    user = django_user_model.objects.create_user("bientap", password="mat-khau-dai-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (PAGE, PAGE + "xuat.csv", PAGE + "xuat.xlsx"):
        response = client.get(url)
        assert response.status_code in (302, 403) and not response.has_header("Content-Disposition")
    assert PAGE not in client.get("/quan-tri/thong-ke/").content.decode()


def test_per_item_per_section_and_survey(client, viewer, ratings):
    client.force_login(viewer)
    assert PAGE in client.get("/quan-tri/thong-ke/").content.decode()  # the stats dashboard links to it
    html = client.get(PAGE + "?days=0").content.decode()
    assert "Thông tin này có hữu ích không? — theo mục" in html
    assert ratings["article"].title in html and "67%" in html  # 2 of 3 useful
    assert "Thiếu thông tin: 1" in html and "Cần thêm số liệu" in html
    assert "Xây dựng Đảng" in html and "Tin tức - Sự kiện" in html and "Văn bản" in html
    assert "Khảo sát mức độ hài lòng về Cổng thông tin (2 phiếu)" in html
    assert "4.0" in html or "4,0" in html  # interface: (5 + 3) / 2
    assert "không qua bước kiểm tra trình duyệt" not in html  # nothing held yet


def test_held_answers_are_counted_apart(client, viewer, ratings):
    """Sent without JavaScript (no proof of work): kept, shown as a number, never in the averages."""
    SurveyResponse.objects.create(
        day="2026-12-01", visitor="g:c", interface=1, content=1, quality=1, support=1, comment="Spam?", held=True
    )
    client.force_login(viewer)
    html = client.get(PAGE + "?days=0").content.decode()
    assert "Khảo sát mức độ hài lòng về Cổng thông tin (2 phiếu)" in html
    assert "Còn 1 câu trả lời gửi không qua bước kiểm tra trình duyệt" in html
    assert "4.0" in html or "4,0" in html  # interface still (5 + 3) / 2, the held 1 left out
    assert "Spam?" not in html
    survey = list(load_workbook(io.BytesIO(client.get(PAGE + "xuat.xlsx?days=0").content))["Khảo sát"].values)
    assert survey[1][:2] == ("Giao diện", 4)


def test_csv_and_xlsx_exports(client, viewer, ratings):
    client.force_login(viewer)
    csv = client.get(PAGE + "xuat.csv?days=0").content.decode("utf-8-sig")
    assert "Tỷ lệ hữu ích" in csv and f"{ratings['article'].title},{ratings['article'].url},2,1,67" in csv
    sections = client.get(PAGE + "xuat.csv?days=0&bang=chuyen-muc").content.decode("utf-8-sig")
    assert "Xây dựng Đảng,1,0,1,0" in sections
    workbook = load_workbook(io.BytesIO(client.get(PAGE + "xuat.xlsx?days=0").content))
    assert workbook.sheetnames == ["Theo mục", "Theo chuyên mục", "Khảo sát", "Ý kiến của bạn đọc"]
    survey = list(workbook["Khảo sát"].iter_rows(values_only=True))
    assert survey[1][:2] == ("Giao diện", 4)


def test_the_demo_creates_ratings_once(db, store, make_article, make_document):
    for n in range(3):
        make_article(f"Tin mẫu số {n}")
    make_document()
    demo.build()
    from vnportal.ratings.models import DailyRatingCount, RatingState

    states, counts, surveys = (
        RatingState.objects.count(),
        list(DailyRatingCount.objects.values_list("count", flat=True)),
        SurveyResponse.objects.count(),
    )
    assert states > 10 and surveys == 8
    demo.build()
    assert RatingState.objects.count() == states and SurveyResponse.objects.count() == surveys
    assert list(DailyRatingCount.objects.values_list("count", flat=True)) == counts
