"""The public side: submitting, the tracking code, lookup, the list and an answer."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.support.documents import office_zip
from tests.support.guard import guard_data
from vnportal.questions import codes, handling
from vnportal.questions.models import OutgoingEmail, Question

pytestmark = pytest.mark.django_db
SUBMIT = "/hoi-dap/gui/"
LOOKUP = "/hoi-dap/tra-cuu/"


def form_data(field, **extra):
    data = {
        "kind": "question",
        "name": "Trần Thị Lan",
        "email": "lan@example.vn",
        "phone": "",
        "address": "",
        "field": field.pk,
        "title": "Hỏi về học bổng",
        "content": "Xin hỏi điều kiện xét học bổng khuyến học của tỉnh.",
        "name_shown": "initials",
        "consent": "on",
        **guard_data("questions"),
    }
    data.update(extra)
    return data


def published(submit, unit, **data):
    q = handling.assign(submit(**data), unit, None)
    q = handling.answer(q, "<p>Điều kiện xét học bổng được quy định tại Quyết định số 12.</p>", None)
    return handling.publish(q, None)


def test_urls_are_vietnamese():
    assert reverse("questions:index") == "/hoi-dap/"
    assert reverse("questions:submit") == SUBMIT
    assert reverse("questions:lookup") == LOOKUP


def test_form_shows_the_notice_and_consent(client, field):
    html = client.get(SUBMIT).content.decode()
    assert "qa-notice" in html and "365" in html
    assert 'name="consent"' in html and "altcha-widget" in html  # the shared guard (core/guard.py)


def test_submit_shows_the_code_once_and_queues_it_by_email(client, field):
    response = client.post(SUBMIT, form_data(field))
    assert response.status_code == 200
    html = response.content.decode()
    code = re.search(r'data-tracking-code="([A-Z0-9-]+)"', html).group(1)
    q = Question.objects.get()
    assert code == codes.display(q.code)
    assert code in OutgoingEmail.objects.get().body
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_submit_without_consent_keeps_what_was_typed(client, field):
    data = form_data(field)
    data.pop("consent")
    response = client.post(SUBMIT, data)
    html = response.content.decode()
    assert response.status_code == 200 and not Question.objects.exists()
    assert "Hỏi về học bổng" in html and "lan@example.vn" in html
    assert "đồng ý" in html  # the Vietnamese error next to the box


def test_attachment_checked_by_content(client, field):
    fake = SimpleUploadedFile("to-trinh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(SUBMIT, {**form_data(field), "attachment": fake})
    assert not Question.objects.exists()
    assert "to-trinh.pdf" in response.content.decode()
    real = SimpleUploadedFile("don.docx", office_zip("docx"), content_type="application/octet-stream")
    client.post(SUBMIT, {**form_data(field), "attachment": real})
    q = Question.objects.get()
    assert q.attachment.name.startswith("hoi-dap/")


def test_attachment_never_served_at_media(client, field, settings):
    from vnportal.core import media

    assert "hoi-dap/" in media.refused_prefixes()


def test_lookup_shows_status_and_history_for_code_and_email(client, submit, unit):
    q = handling.assign(submit(), unit, None)
    response = client.post(LOOKUP, {"code": codes.display(q.code).lower(), "email": "Binh@Example.vn"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-tracking-code="{codes.display(q.code)}"' in html
    assert unit.name in html and q.title in html
    assert html.count("<li><time") == 2  # received, assigned


def test_lookup_same_answer_for_wrong_code_and_wrong_email(client, submit):
    q = submit()
    other = "ABCDEFGHJK" if q.code != "ABCDEFGHJK" else "KJHGFEDCBA"
    wrong_code = client.post(LOOKUP, {"code": other, "email": "binh@example.vn"}).content.decode()
    wrong_email = client.post(LOOKUP, {"code": q.code, "email": "ai-do@example.vn"}).content.decode()
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|value="[^"]*"')
    assert strip.sub("", wrong_code) == strip.sub("", wrong_email)
    assert "Không tìm thấy" in wrong_code
    assert q.title not in wrong_code and q.title not in wrong_email


def fresh_address_keys(settings):
    """A shared Redis keeps counting across tests (and runs) in the same window: a new key for
    the hashed address (core/visitors.hashed_ip is keyed by SECRET_KEY) starts from zero."""
    import uuid

    settings.SECRET_KEY = uuid.uuid4().hex * 2


def test_lookup_rate_limited_per_address(client, submit, settings):
    fresh_address_keys(settings)
    settings.QUESTIONS_LOOKUP_LIMIT = 3
    q = submit()
    for _ in range(3):
        assert client.post(LOOKUP, {"code": q.code, "email": "x@example.vn"}).status_code == 200
    response = client.post(LOOKUP, {"code": q.code, "email": "binh@example.vn"})
    assert response.status_code == 429 and q.title not in response.content.decode()


def test_lookup_after_refusal_shows_the_reason(client, submit):
    q = handling.refuse(submit(), "Đã được giải quyết tại văn bản trả lời trước.", None)
    html = client.post(LOOKUP, {"code": q.code, "email": q.email}).content.decode()
    assert "Đã được giải quyết tại văn bản trả lời trước." in html


def test_lookup_of_merged_request_shows_the_kept_answer(client, submit, unit):
    kept = handling.assign(submit(), unit, None)
    dup = handling.merge(submit(email="an@example.vn"), kept, None)
    handling.answer(kept, "<p>Câu trả lời chung cho hai người hỏi.</p>", None)
    html = client.post(LOOKUP, {"code": dup.code, "email": "an@example.vn"}).content.decode()
    assert "Câu trả lời chung cho hai người hỏi." in html
    assert codes.display(kept.code) not in html  # the other asker's code is never shown


def test_public_list_and_detail_show_no_contact_data(client, submit, unit, field):
    q = published(submit, unit, phone="0912345678", address="12 Lê Lợi")
    submit(title="Chưa trả lời")
    for url in ("/hoi-dap/", f"/hoi-dap/{q.pk}/", f"/hoi-dap/?linh_vuc={field.pk}"):
        html = client.get(url).content.decode()
        assert q.title in html and "Chưa trả lời" not in html
        for private in ("binh@example.vn", "Nguyễn Văn Bình", "0912345678", "12 Lê Lợi", q.code):
            assert private not in html
    detail = client.get(f"/hoi-dap/{q.pk}/").content.decode()
    assert "N.V.B." in detail and "Quyết định số 12" in detail
    assert 'name="DC.title"' in detail and 'property="og:url" content="http://testserver/hoi-dap/' in detail


def test_unpublished_answer_is_404(client, submit, unit):
    q = handling.assign(submit(), unit, None)
    assert client.get(f"/hoi-dap/{q.pk}/").status_code == 404


def test_list_and_detail_are_shareable_form_and_lookup_are_not(client, submit, unit, page_cache):
    q = published(submit, unit)
    assert "public" in client.get("/hoi-dap/")["Cache-Control"]
    assert "public" in client.get(f"/hoi-dap/{q.pk}/")["Cache-Control"]
    from vnportal.core.paths import may_be_shared

    assert not may_be_shared(SUBMIT) and not may_be_shared(LOOKUP)


def test_publish_purges_the_page_cache(client, submit, unit, page_cache, django_capture_on_commit_callbacks):
    q = handling.answer(handling.assign(submit(), unit, None), "<p>a</p>", None)
    first = client.get("/hoi-dap/")
    assert q.title not in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        handling.publish(q, None)
    assert q.title in client.get("/hoi-dap/").content.decode()


def test_search_finds_published_answers_only_public_text(client, submit, unit):
    from vnportal.search.models import IndexEntry

    q = published(submit, unit, title="Học bổng khuyến học", phone="0912345678")
    entry = IndexEntry.objects.get(kind="question", object_id=q.pk)
    assert "0912345678" not in entry.body and "binh@example.vn" not in entry.body and "Bình" not in entry.body
    html = client.get("/tim-kiem/", {"q": "hoc bong khuyen hoc"}).content.decode()
    assert f"/hoi-dap/{q.pk}/" in html
    handling.unpublish(q, None)
    assert not IndexEntry.objects.filter(kind="question", object_id=q.pk).exists()


def test_site_map_lists_questions(client):
    html = client.get("/so-do-cong/").content.decode()
    assert "/hoi-dap/" in html and "/hoi-dap/gui/" in html and "/hoi-dap/tra-cuu/" in html


def test_guard_refuses_a_filled_honeypot_and_keeps_the_text(client, field):
    response = client.post(SUBMIT, form_data(field, website="http://spam.example"))
    assert not Question.objects.exists()
    assert "Hỏi về học bổng" in response.content.decode()


def test_without_javascript_accepted_but_held(client, field):
    data = form_data(field)
    data.pop("altcha")
    response = client.post(SUBMIT, data)
    assert response.status_code == 200 and "data-tracking-code" in response.content.decode()
    assert Question.objects.get().held is True
    client.post(SUBMIT, form_data(field, title="Có bằng chứng"))
    assert Question.objects.get(title="Có bằng chứng").held is False


def test_per_address_limit_refuses_with_429(client, field, settings):
    fresh_address_keys(settings)
    settings.GUARD_RATE_LIMIT = 2
    for n in range(2):
        assert "data-tracking-code" in client.post(SUBMIT, form_data(field, title=f"Lần {n}")).content.decode()
    response = client.post(SUBMIT, form_data(field, title="Lần thứ ba"))
    assert response.status_code == 429 and "Lần thứ ba" in response.content.decode()
    assert Question.objects.count() == 2


def test_sitemap_xml_lists_published_answers_at_the_public_address(client, submit, unit, home):
    q = published(submit, unit)
    hidden = handling.assign(submit(title="Chưa công khai"), unit, None)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver/hoi-dap/{q.pk}/</loc>" in xml
    assert f"/hoi-dap/{hidden.pk}/" not in xml
    assert "<loc>http://testserver/</loc>" in xml  # Wagtail's pages are still there


def test_publish_tells_nginx_to_forget_the_list_and_the_answer(submit, unit, page_cache, settings,
                                                               django_capture_on_commit_callbacks):  # fmt: skip
    from tests.core.test_pagecache import PurgeRecorder, nginx_stand_in  # noqa: F401
    from vnportal.core import purge

    recorder = nginx_stand_in.__wrapped__()
    settings.PAGE_CACHE_PURGE_URLS = [next(recorder)]
    threads = []
    original = purge._in_background
    purge._in_background = lambda function, *args: threads.append(original(function, *args))
    try:
        q = handling.answer(handling.assign(submit(), unit, None), "<p>a</p>", None)
        with django_capture_on_commit_callbacks(execute=True):
            handling.publish(q, None)
    finally:
        purge._in_background = original
    for thread in threads:
        thread.join(5)
    seen = {path for _host, path in PurgeRecorder.seen}
    assert {"/hoi-dap/", f"/hoi-dap/{q.pk}/", "/sitemap.xml"} <= seen
    assert {host for host, _path in PurgeRecorder.seen} == {"testserver"}
    next(recorder, None)  # shut the stand-in down
