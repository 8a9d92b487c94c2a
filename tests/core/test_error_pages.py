"""Issue 12, point 11: the 400, 403, CSRF-failure, 404 and 500 pages are Vietnamese, in the
portal's layout where that is safe (403, CSRF, 404), plain where it is not (400, 500)."""

import re

import pytest
from django.test import Client

# Words of Django's and Wagtail's English error pages; none may show on ours.
ENGLISH = re.compile(
    r"\b(the|not|found|error|bad|request|forbidden|denied|access|page|server|verification|failed|aborted|"
    r"reason|cookie is required|home|back|search|skip|menu|sidebar)\b",
    re.IGNORECASE,
)


def visible_text(html):
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def check_page(response, status, heading, in_layout):
    assert response.status_code == status
    html = response.content.decode()
    assert re.search(r'<html lang="vi"', html), html[:300]
    text = visible_text(html)
    assert heading in text
    assert not ENGLISH.findall(text), ENGLISH.findall(text)
    # In the layout: the site's header, menu and footer around the message; plain: none of them.
    assert ('class="site-header"' in html) is in_layout
    assert "Về trang chủ" in text
    return html


@pytest.mark.django_db
def test_404_is_vietnamese_in_the_layout(client, home):
    check_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang", in_layout=True)


@pytest.mark.django_db
def test_400_for_a_forged_host_and_a_nul_path_is_vietnamese_and_plain(client, home):
    html = check_page(client.get("/", HTTP_HOST="ke-gia-mao.example"), 400, "Yêu cầu không hợp lệ", in_layout=False)
    assert "ke-gia-mao" not in html  # the forged host is not echoed
    check_page(client.get("/the/a%00b/"), 400, "Yêu cầu không hợp lệ", in_layout=False)
    check_page(client.get("/tim-kiem/?q=%00"), 400, "Yêu cầu không hợp lệ", in_layout=False)


@pytest.mark.django_db
def test_csrf_failure_is_vietnamese_in_the_layout(home):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/thanh-vien/dang-nhap/", {"username": "a", "password": "b"})
    html = check_page(response, 403, "Không gửi được biểu mẫu", in_layout=True)
    assert "cần cookie" in html  # no CSRF cookie at all: say what to do about it
    client.get("/thanh-vien/dang-nhap/")  # now the cookie is set, but the token is missing from the form
    html = check_page(
        client.post("/thanh-vien/dang-nhap/", {"username": "a", "password": "b"}),
        403,
        "Không gửi được biểu mẫu",
        in_layout=True,
    )
    assert "cần cookie" not in html


@pytest.mark.django_db
def test_403_and_500_are_vietnamese(settings, home):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    client = Client(raise_request_exception=False)
    html = check_page(client.get("/loi/403/"), 403, "Không có quyền truy cập", in_layout=True)
    assert "staff only" not in html
    html = check_page(client.get("/loi/500/"), 500, "Lỗi máy chủ", in_layout=False)
    assert "a bug" not in html


@pytest.mark.django_db
def test_403_falls_back_to_the_plain_page_when_the_layout_fails(settings, home, monkeypatch):
    from vnportal.core import errors

    settings.ROOT_URLCONF = "tests.core.error_urls"
    real = errors.render_to_string

    def failing(template, context=None, request=None):
        if request is not None:
            raise RuntimeError("database down")
        return real(template, context)

    monkeypatch.setattr(errors, "render_to_string", failing)
    check_page(Client().get("/loi/403/"), 403, "Không có quyền truy cập", in_layout=False)
