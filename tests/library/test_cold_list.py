"""The document list with the page cache off and the fragment caches on (issue 14).

The drawn list (filters, rows, pages) is kept per query string under the page cache's
generation: a kept list asks the database nothing about documents, a document's change
shows at once (its save purges), and another query string is another list.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"  # a reader, counted


def get(client, url):
    client.cookies.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200, url
    return response.content.decode(), " ".join(q["sql"] for q in queries)


def test_a_kept_list_asks_nothing_and_a_change_shows_at_once(fragment_cache, client, make_document, publish):
    first = make_document("31-NQ/TW", "Về đột phá phát triển khoa học", issued_on=datetime.date(2024, 12, 22))
    html, sql = get(client, "/van-ban/")
    assert "31-NQ/TW" in html and "library_document" in sql
    again, sql = get(client, "/van-ban/")
    assert again == html and "library_document" not in sql
    publish(lambda: make_document("09/2025/QĐ-UBND", "Quy định mới về lưu trữ", issued_on=datetime.date(2025, 3, 1)))
    html, _ = get(client, "/van-ban/")
    assert "09/2025/QĐ-UBND" in html and "31-NQ/TW" in html
    first.summary = "Tóm tắt đã sửa của văn bản"
    publish(first.save)
    assert "Tóm tắt đã sửa của văn bản" in get(client, "/van-ban/")[0]


def test_each_query_string_is_its_own_list(fragment_cache, client, make_document):
    make_document("31-NQ/TW", "Về đột phá phát triển khoa học", issued_on=datetime.date(2024, 12, 22))
    make_document("18-NQ/TW", "Về sắp xếp tổ chức bộ máy", issued_on=datetime.date(2017, 10, 25))
    get(client, "/van-ban/")  # the whole list, kept
    html, _ = get(client, "/van-ban/?q=18-NQ")
    assert "18-NQ/TW" in html and "31-NQ/TW" not in html
    html, _ = get(client, "/van-ban/?year=abc")  # a bad filter keeps its message, kept or not
    html_again, _ = get(client, "/van-ban/?year=abc")
    assert html_again == html


def test_a_document_page_is_shared_in_form_but_counted_and_never_kept(fragment_cache, client, make_document, publish):
    """Its blocks are the shared ones (no CSRF cookie, no personal poll), its files and relations
    are kept, yet every view reaches Django and is counted: no shared cache may keep it."""
    document = make_document("31-NQ/TW", "Về đột phá phát triển khoa học", issued_on=datetime.date(2024, 12, 22))
    url = document.get_absolute_url()
    client.cookies.clear()
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert "private" in response["Cache-Control"] and "csrftoken" not in response.cookies
    html, sql = get(client, url)
    assert "library_documentattachment" not in sql  # the files are kept
    # … and the view is counted, in the process, with no write per reader (library/counts.py).
    assert "UPDATE" not in sql
    from vnportal.library import counts

    counts.flush()
    document.refresh_from_db()
    assert document.view_count >= 1
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.documents import PDF_BYTES
    from vnportal.library.models import DocumentAttachment

    attachment = DocumentAttachment(document=document, title="Tệp đính kèm mới thêm")
    attachment.file.save("toan-van.pdf", SimpleUploadedFile("toan-van.pdf", PDF_BYTES), save=False)
    publish(attachment.save)
    assert "Tệp đính kèm mới thêm" in get(client, url)[0]
