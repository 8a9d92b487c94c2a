import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.support.documents import OLE2_BYTES, PDF_BYTES, office_zip
from vnportal.library import counts
from vnportal.library.models import Document, DocumentAttachment, DocumentRelation
from vnportal.library.validators import validate_attachment
from vnportal.search.models import IndexEntry

pytestmark = pytest.mark.django_db


def listed_numbers(client, **params):
    response = client.get(reverse("library:index"), params)
    assert response.status_code == 200
    return [document.number for document in response.context["page_obj"].object_list]


@pytest.fixture
def library(make_document):
    make_document("57-NQ/TW", "Về đột phá phát triển khoa học, công nghệ", issued_on=datetime.date(2024, 12, 22))
    make_document(
        "42/2022/NĐ-CP",
        "Quy định về cung cấp thông tin và dịch vụ công trực tuyến",
        doc_type="Nghị định",
        issuer="Chính phủ",
        field="Chuyển đổi số",
        issued_on=datetime.date(2022, 6, 24),
    )
    make_document(
        "18-NQ/TW",
        "Về sắp xếp tổ chức bộ máy tinh gọn",
        field="Tổ chức - Cán bộ",
        issued_on=datetime.date(2017, 10, 25),
    )
    make_document(
        "05-CT/TU",
        "Về phòng, chống tham nhũng, lãng phí",
        doc_type="Chỉ thị",
        issuer="Tỉnh ủy",
        field="Xây dựng Đảng",
        issued_on=datetime.date(2020, 1, 5),
        status="expired",
    )
    make_document(
        "142/2022/QĐ-UBND",
        "Về quản lý cụm công nghiệp",
        doc_type="Quyết định",
        issuer="Ủy ban nhân dân tỉnh",
        field="Kinh tế",
        issued_on=datetime.date(2022, 3, 1),
    )


def test_number_is_stored_raw_and_normalised(make_document):
    document = make_document(" 42/2022/NĐ–CP ")
    assert document.number == "42/2022/NĐ–CP"
    assert document.number_normalised == "42/2022/nd-cp"


@pytest.mark.parametrize(
    "query, expected_first, expected",
    [
        ("57-NQ/TW", "57-NQ/TW", {"57-NQ/TW"}),
        ("57-nq/tw", "57-NQ/TW", {"57-NQ/TW"}),
        ("NQ/TW", None, {"57-NQ/TW", "18-NQ/TW"}),
        ("42/2022", "42/2022/NĐ-CP", {"42/2022/NĐ-CP"}),
        ("42/2022/ND-CP", "42/2022/NĐ-CP", {"42/2022/NĐ-CP"}),
        ("CT/TU", "05-CT/TU", {"05-CT/TU"}),
    ],
)
def test_number_search_exact_and_prefix(client, library, query, expected_first, expected):
    numbers = listed_numbers(client, q=query)
    if expected_first:
        assert numbers[0] == expected_first
    assert expected <= set(numbers[: len(expected)])
    assert "142/2022/QĐ-UBND" not in numbers[: len(expected)] or query == "42/2022"


def test_prefix_of_a_number_does_not_match_inside_a_segment(client, library):
    numbers = listed_numbers(client, q="42/2022")
    assert numbers[0] == "42/2022/NĐ-CP"
    # "142/2022/…" is not a number that starts with 42/2022; it may only come later as a text match.
    from vnportal.library.queries import number_match

    matches, _ = number_match(Document.objects.all(), "42/2022")
    assert [d.number for d in matches] == ["42/2022/NĐ-CP"]


def test_text_search_in_the_list_is_accent_insensitive(client, library):
    assert listed_numbers(client, q="tham nhung") == ["05-CT/TU"]
    assert listed_numbers(client, q="dịch vụ công")[0] == "42/2022/NĐ-CP"


def test_filters(client, library):
    documents = {d.number: d for d in Document.objects.select_related("doc_type", "issuer", "field")}
    decree = documents["42/2022/NĐ-CP"]
    assert listed_numbers(client, type=decree.doc_type_id) == ["42/2022/NĐ-CP"]
    assert listed_numbers(client, issuer=documents["05-CT/TU"].issuer_id) == ["05-CT/TU"]
    assert listed_numbers(client, field=documents["18-NQ/TW"].field_id) == ["18-NQ/TW"]
    assert listed_numbers(client, year=2022) == ["42/2022/NĐ-CP", "142/2022/QĐ-UBND"]
    assert listed_numbers(client, status="expired") == ["05-CT/TU"]
    assert listed_numbers(client, status="in_force", year=2022, q="NĐ-CP") == ["42/2022/NĐ-CP"]


def test_list_empty_message_and_bad_input(client, library):
    response = client.get(reverse("library:index"), {"q": "xyzzy", "year": "abc"})
    assert response.status_code == 200
    assert "Không có văn bản nào phù hợp" in response.content.decode()
    assert listed_numbers(client, q="57-NQ/TW", year="abc", status="bogus") == ["57-NQ/TW"]


def test_unpublished_documents_are_hidden(client, make_document):
    document = make_document(is_public=False)
    assert listed_numbers(client) == []
    assert client.get(document.get_absolute_url()).status_code == 404
    assert not IndexEntry.objects.filter(kind="document").exists()


BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def test_detail_page_dates_and_view_count(client, make_document):
    document = make_document(
        effective_from=datetime.date(2020, 2, 1), signer_name="Nguyễn Văn An", signer_title="Bí thư"
    )
    html = client.get(document.get_absolute_url(), HTTP_USER_AGENT=BROWSER).content.decode()
    assert "ngày 05 tháng 01 năm 2020" in html
    assert "ngày 01 tháng 02 năm 2020" in html
    assert "Nguyễn Văn An" in html
    client.get(document.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    # Crawlers, empty user agents and prefetches are not readers.
    client.get(document.get_absolute_url(), HTTP_USER_AGENT=CRAWLER)
    client.get(document.get_absolute_url())
    client.get(document.get_absolute_url(), HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    document.refresh_from_db()
    assert document.view_count == 0  # not one write per reader: the views wait in the process
    # …while the page already shows them, the reader's own included.
    html = client.get(document.get_absolute_url(), HTTP_USER_AGENT=BROWSER).content.decode()
    assert '<dd class="document-views">3</dd>' in html
    counts.flush()
    document.refresh_from_db()
    assert document.view_count == 3


def test_a_document_view_writes_nothing_to_the_database(client, make_document):
    document = make_document()
    client.get(document.get_absolute_url(), HTTP_USER_AGENT=CRAWLER)  # the site's settings row, made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(document.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
    assert writes == []
    assert counts.flush() == 1
    with CaptureQueriesContext(connection) as queries:
        assert counts.flush() == 0  # nothing left: written once
    assert len(queries) == 0
    document.refresh_from_db()
    assert document.view_count == 1


def test_download_counts_and_serves_the_file(client, make_document):
    document = make_document()
    attachment = DocumentAttachment(document=document, title="Toàn văn")
    attachment.file.save("toan-van.pdf", SimpleUploadedFile("toan-van.pdf", PDF_BYTES), save=False)
    attachment.save()
    assert client.get(attachment.get_absolute_url(), HTTP_USER_AGENT=CRAWLER).status_code == 200  # not counted
    response = client.get(attachment.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    counts.flush()
    document.refresh_from_db()
    attachment.refresh_from_db()
    assert document.download_count == attachment.download_count == 1


def test_relations_are_shown_both_ways(client, make_document):
    old = make_document("07-QĐ/TU", "Quy định cũ về phân cấp quản lý cán bộ")
    new = make_document("14-QĐ/TU", "Quy định mới về phân cấp quản lý cán bộ")
    DocumentRelation.objects.create(document=new, target=old, kind="replaces")
    assert "07-QĐ/TU" in client.get(new.get_absolute_url()).content.decode()
    assert "14-QĐ/TU" in client.get(old.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "name, content",
    [
        ("a.pdf", PDF_BYTES),
        ("a.doc", OLE2_BYTES),
        ("a.xls", OLE2_BYTES),
        ("a.DOCX", office_zip("docx")),
        ("a.xlsx", office_zip("xlsx")),
        ("a.odt", office_zip("odt")),
    ],
)
def test_real_office_files_are_accepted(name, content):
    validate_attachment(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("a.pdf", b"MZ\x90\x00 not a pdf", "content"),
        ("a.docx", office_zip("xlsx"), "content"),
        ("a.doc", PDF_BYTES, "content"),
        ("a.exe", b"MZ", "extension"),
        ("a.pdf.html", PDF_BYTES, "extension"),
        ("a.xlsx", b"PK\x03\x04broken zip", "content"),
    ],
)
def test_wrong_or_disguised_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile(name, content))
    assert error.value.code == code


@override_settings(LIBRARY_MAX_UPLOAD_MB=1)
def test_size_limit_with_a_vietnamese_message():
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile("a.pdf", PDF_BYTES + b"0" * (1024 * 1024)))
    assert error.value.code == "size"
    assert "quá lớn" in error.value.messages[0]


def test_content_error_message_is_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_attachment(SimpleUploadedFile("a.pdf", b"not a pdf"))
    assert "không phải" in error.value.messages[0]


def test_documents_are_indexed_on_save_and_removed_on_delete(make_document):
    document = make_document("57-NQ/TW", "Về phát triển khoa học")
    entry = IndexEntry.objects.get(kind="document", object_id=document.pk)
    assert entry.url == document.get_absolute_url()
    document.summary = "Về chuyển đổi số quốc gia"
    document.save()
    entry.refresh_from_db()
    assert "chuyen doi so" in entry.title_folded
    document.delete()
    assert not IndexEntry.objects.filter(kind="document").exists()


def test_renaming_a_document_type_reindexes_its_documents(make_document):
    document = make_document("12/HD-UBND", "Về tổ chức thi đua", doc_type="Huong dan")
    document.doc_type.name = "Hướng dẫn"
    document.doc_type.save()
    entry = IndexEntry.objects.get(kind="document", object_id=document.pk)
    assert entry.title.startswith("Hướng dẫn 12/HD-UBND") and entry.section_title == "Hướng dẫn"
