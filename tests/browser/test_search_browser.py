import pytest

from tests.support.documents import make_document

pytestmark = pytest.mark.django_db(transaction=True)


def test_header_search_finds_an_article_without_diacritics(live_server, browser_page, make_article):
    make_article("Đại hội Đảng bộ tỉnh lần thứ XVIII", lead="Đại hội đã bầu Ban Chấp hành Đảng bộ tỉnh khóa mới.")
    page = browser_page
    page.goto(live_server.url + "/")
    page.fill("#header-q", "dang bo tinh")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=dang+bo+tinh")
    result = page.locator(".search-result").first
    assert "Đại hội Đảng bộ tỉnh lần thứ XVIII" in result.inner_text()
    assert page.locator(".search-result mark").first.inner_text() == "Đảng bộ tỉnh"


def test_document_library_number_search(live_server, browser_page):
    make_document("57-NQ/TW", "Về phát triển khoa học, công nghệ")
    make_document("18-NQ/TW", "Về sắp xếp tổ chức bộ máy")
    page = browser_page
    page.goto(live_server.url + "/van-ban/")
    page.fill("#id_q", "NQ/TW")
    page.click(".document-filters button[type=submit]")
    numbers = page.locator(".document-number a").all_inner_texts()
    assert sorted(numbers) == ["18-NQ/TW", "57-NQ/TW"]
    page.click("text=57-NQ/TW")
    assert "ngày 05 tháng 01 năm 2020" in page.locator(".document-issued").inner_text()
