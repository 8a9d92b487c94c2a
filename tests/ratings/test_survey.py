"""The satisfaction survey at /danh-gia/: four criteria 1–5, a comment, one answer per visitor per day."""

import pytest
from django.test import Client

from tests.support.guard import guard_data
from vnportal.ratings import results
from vnportal.ratings.models import SurveyResponse

GOOD = {"interface": "4", "content": "5", "quality": "3", "support": "2", "comment": "Cổng dễ dùng."}


def send(client, data=None, ip="203.0.113.7", solved=True, shown_seconds_ago=None, **extra):
    """A survey answer as a browser sends it: the guard's hidden parts and (with JavaScript) a solved proof of work."""
    guard = guard_data("survey", solved=solved, shown_seconds_ago=shown_seconds_ago)
    payload = {**GOOD, **guard, **(data or {})}
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


def test_the_page_carries_the_guard_and_is_never_cached(client, db):
    response = client.get("/danh-gia/")
    html = response.content.decode()
    assert "<altcha-widget" in html and 'name="guard_issued"' in html and 'name="website"' in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert 'name="started"' not in html  # the survey's old start time is gone


def test_the_honeypot_keeps_nothing_and_says_so_plainly(client, db):
    response = send(client, {"website": "http://spam.example"})
    html = response.content.decode()
    assert response.status_code == 400 and "Không thể tiếp nhận nội dung bạn gửi" in html
    assert "Cổng dễ dùng.</textarea>" in html
    assert SurveyResponse.objects.count() == 0


def test_too_fast_or_without_an_issue_time_is_refused_in_vietnamese(client, db):
    response = send(client, shown_seconds_ago=0)
    assert response.status_code == 400 and "Bạn đã gửi quá nhanh" in response.content.decode()
    assert "Cổng dễ dùng.</textarea>" in response.content.decode()
    response = send(client, {"guard_issued": "forged"})
    assert response.status_code == 400 and "Không thể tiếp nhận" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_a_forged_or_replayed_proof_of_work_is_refused(client, db):
    response = send(client, {"altcha": "bm90IGEgc29sdXRpb24="})
    assert response.status_code == 400 and "Cổng dễ dùng.</textarea>" in response.content.decode()
    payload = guard_data("survey")
    first = client.post("/danh-gia/", {**GOOD, **payload}, REMOTE_ADDR="198.51.100.20")
    assert first.status_code == 302
    replay = Client().post("/danh-gia/", {**GOOD, **payload}, REMOTE_ADDR="198.51.100.21")
    assert replay.status_code == 400 and "Không thể tiếp nhận" in replay.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_without_javascript_the_answer_is_held_and_counted_apart(client, db):
    assert send(client, solved=False).status_code == 302
    assert send(Client(), ip="198.51.100.30").status_code == 302  # with the proof of work
    assert sorted(SurveyResponse.objects.values_list("held", flat=True)) == [False, True]
    summary = results.survey(None)
    assert summary["total"] == 1 and summary["held"] == 1
    assert [c["average"] for c in summary["criteria"]] == [4, 5, 3, 2]
    assert len(results.survey_comments(None)) == 1


def test_without_javascript_the_stricter_limit_applies(db, settings):
    settings.GUARD_NOJS_RATE_LIMIT = 2
    codes = [send(Client(HTTP_USER_AGENT=f"UA {n}"), solved=False, ip="192.0.2.50").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    refused = send(Client(HTTP_USER_AGENT="UA 9"), solved=False, ip="192.0.2.50", data={"comment": "Giữ lại"})
    assert refused.status_code == 429 and "Quá nhiều lượt gửi từ mạng của bạn" in refused.content.decode()
    assert "Giữ lại</textarea>" in refused.content.decode()
    # With the proof of work the same address is still within GUARD_RATE_LIMIT.
    assert send(Client(HTTP_USER_AGENT="UA 10"), ip="192.0.2.50").status_code == 302


def test_the_address_limit_holds_with_the_proof_of_work_too(db, settings):
    settings.GUARD_RATE_LIMIT = 2
    codes = [send(Client(HTTP_USER_AGENT=f"UA {n}"), ip="192.0.2.60").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert SurveyResponse.objects.count() == 2


def test_a_member_answers_once_per_day(client, db, django_user_model):
    client.force_login(django_user_model.objects.create_user("docgia", "dg@example.vn", "mat-khau-dai-123"))
    assert send(client).status_code == 302
    assert SurveyResponse.objects.get().visitor.startswith("u:")


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_refused(client, db, method):
    assert getattr(client, method)("/danh-gia/").status_code == 405


def test_the_survey_is_in_the_site_map(client, db, home):
    assert "/danh-gia/" in client.get("/so-do-cong/").content.decode()
