"""Lưu bài: articles and documents saved as PDF keep the Vietnamese text and the source address."""

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from wagtail.models import PageViewRestriction

from tests.support.documents import make_document
from vnportal.core import pdf

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")


def pdf_text(data, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def save_first_page(pdf_path, name):
    """Page 1 as a PNG in screens/ (git-ignored), to look at."""
    if shutil.which("pdftoppm"):
        screens = Path(__file__).resolve().parents[2] / "screens"
        screens.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(pdf_path), str(screens / name)], check=True)


@needs_pdftotext
def test_article_pdf_has_title_date_lead_body_signoff_and_source(client, settings, make_article, tmp_path):
    article = make_article(
        "Đại hội Đảng bộ tỉnh Sơn Hà lần thứ XVII thành công tốt đẹp",
        lead="Sáng 13/11, Đại hội đã bầu Ban Chấp hành Đảng bộ tỉnh khóa mới.",
        body=[("paragraph", "<p>Đồng chí Bí thư Tỉnh ủy phát biểu bế mạc Đại hội.</p>")],
        signoff="HY-VPTU",
        author="Thu Hà",
    )
    response = client.get(article.url + "luu-bai/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Đại hội Đảng bộ tỉnh Sơn Hà lần thứ XVII thành công tốt đẹp" in text
    assert "Thứ Sáu, 13/11/2020 15:30" in text
    assert "Sáng 13/11, Đại hội đã bầu Ban Chấp hành Đảng bộ tỉnh khóa mới." in text
    assert "Đồng chí Bí thư Tỉnh ủy phát biểu bế mạc Đại hội." in text
    assert "Thu Hà — HY-VPTU" in text
    # A long address may wrap at the end of the line: compare without spaces.
    assert f"Nguồn:{settings.PUBLIC_URL}{article.url}" in text.replace(" ", "")
    save_first_page(tmp_path / "out.pdf", "pdf-article")


def test_article_page_links_to_its_pdf(client, make_article):
    article = make_article()
    html = client.get(article.url).content.decode()
    assert f'<a class="pdf-link" href="{article.url}luu-bai/"' in html and "Lưu bài (PDF)" in html


def test_drafts_and_private_articles_are_refused_as_the_page_is(client, make_article):
    draft = make_article("Bài nháp", publish=False)
    assert client.get(draft.url_path.replace("/home", "", 1) + "luu-bai/").status_code == 404
    private = make_article("Bài nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(private.url).status_code == 302
    response = client.get(private.url + "luu-bai/")
    assert response.status_code == 302 and "application/pdf" not in response.get("Content-Type", "")


def test_missing_pango_gives_a_vietnamese_503(client, make_article, monkeypatch):
    article = make_article()

    def missing():
        raise pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    response = client.get(article.url + "luu-bai/")
    assert response.status_code == 503
    assert "Chưa thể lưu bài dạng PDF" in response.content.decode()


def test_the_pdf_fetches_nothing_from_another_host():
    for url in ("https://example.com/x.png", "http://127.0.0.1:9/media/x.png", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            pdf.fetch_local(url)


@needs_pdftotext
def test_document_pdf_and_unpublished_documents(client, settings, tmp_path):
    document = make_document(
        number="12-NQ/TU",
        summary="Về đẩy mạnh chuyển đổi số tỉnh Sơn Hà đến năm 2030",
        issued_on=datetime.date(2024, 1, 5),
        signer_name="Nguyễn Văn Bình",
        signer_title="Bí thư Tỉnh ủy",
    )
    html = client.get(document.get_absolute_url()).content.decode()
    assert f'href="/van-ban/{document.pk}/luu-bai/"' in html
    response = client.get(f"/van-ban/{document.pk}/luu-bai/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "Về đẩy mạnh chuyển đổi số tỉnh Sơn Hà đến năm 2030" in text
    assert "ngày 05 tháng 01 năm 2024" in text
    assert "Nguyễn Văn Bình" in text
    assert f"{settings.PUBLIC_URL}/van-ban/{document.pk}/" in text.replace(" ", "")
    save_first_page(tmp_path / "out.pdf", "pdf-document")
    document.is_public = False
    document.save()
    assert client.get(f"/van-ban/{document.pk}/luu-bai/").status_code == 404


def test_start_up_names_the_missing_debian_packages(monkeypatch):
    from vnportal.core.checks import pdf_libraries

    assert pdf_libraries(None) == []  # installed here

    def missing():
        raise pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    (warning,) = pdf_libraries(None)
    assert warning.id == "vnportal.W010" and "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" in warning.hint
