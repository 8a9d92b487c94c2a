"""The satisfaction survey at /danh-gia/: four criteria 1–5, a comment, one answer per visitor per day."""

import pytest
from django.test import Client

from vnportal.ratings import abuse
from vnportal.ratings.models import SurveyResponse

GOOD = {"interface": "4", "content": "5", "quality": "3", "support": "2", "comment": "Cổng dễ dùng."}


def send(client, data=None, ip="203.0.113.7", **extra):
    payload = {**GOOD, "started": abuse.started_token(), **(data or {})}
    return client.post("/danh-gia/", payload, REMOTE_ADDR=ip, **extra)


def test_the_survey_page_asks_four_criteria_in_vietnamese(client, db):
    html = client.get("/danh-gia/").content.decode()
    for text in (
        "Khảo sát mức độ hài lòng",
        "Giao diện",
        "Nội dung",
        "Chất lượng thông tin",
        "Hỗ trợ",
        "Rất kém",
        "Rất tốt",
    ):
        assert text in html
    assert html.count('type="radio"') == 20


def test_an_answer_is_kept_once_per_visitor_per_day(client, db):
    response = send(client)
    assert response.status_code == 302
    page = client.get("/danh-gia/").content.decode()
    assert "Cảm ơn bạn đã tham gia khảo sát." in page
    row = SurveyResponse.objects.get()
    assert (row.interface, row.content, row.quality, row.support, row.comment) == (4, 5, 3, 2, "Cổng dễ dùng.")
    again = send(Client())  # no cookie, same address and browser: the day's visitor id
    assert again.status_code == 409 and "Hôm nay bạn đã tham gia khảo sát" in again.content.decode()
    assert send(Client(), ip="198.51.100.4").status_code == 302  # another visitor
    assert SurveyResponse.objects.count() == 2


def test_errors_are_vietnamese_and_keep_what_was_typed(client, db):
    response = send(client, {"support": "", "quality": "9", "comment": "Góp ý của tôi"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng chọn điểm cho tiêu chí này." in html and "Vui lòng chọn điểm từ 1 đến 5." in html
    assert "Góp ý của tôi</textarea>" in html
    assert 'value="4" id="id_interface_3" checked' in html or 'value="4" checked' in html or "checked" in html
    assert SurveyResponse.objects.count() == 0


def test_a_too_long_comment_is_refused_and_kept(client, db):
    response = send(client, {"comment": "ý" * 1001})
    assert response.status_code == 400 and "tối đa 1000 ký tự" in response.content.decode()


def test_the_honeypot_keeps_nothing(client, db):
    response = send(client, {"website": "http://spam.example"})
    assert response.status_code == 302 and SurveyResponse.objects.count() == 0


def test_too_fast_or_without_a_start_time_is_refused_in_vietnamese(client, db, settings):
    settings.RATINGS_SURVEY_MIN_SECONDS = 5
    response = send(client)
    assert response.status_code == 400 and "gửi quá nhanh" in response.content.decode()
    assert "Cổng dễ dùng.</textarea>" in response.content.decode()
    response = send(client, {"started": "forged"})
    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_a_member_answers_once_per_day(client, db, django_user_model):
    client.force_login(django_user_model.objects.create_user("docgia", "dg@example.vn", "mat-khau-dai-123"))
    assert send(client).status_code == 302
    assert SurveyResponse.objects.get().visitor.startswith("u:")


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, db, method):
    assert getattr(client, method)("/danh-gia/").status_code == 405


def test_the_survey_is_in_the_site_map(client, db, home):
    assert "/danh-gia/" in client.get("/so-do-cong/").content.decode()
