"""English search (/en/search/, issue 17 point 1): the English pages of the request's portal, in an
English page; /tim-kiem/ keeps showing Vietnamese content only."""

import re

import pytest

from .test_english_pages import html_lang, vietnamese_in

pytestmark = pytest.mark.django_db

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def result_urls(response):
    page_obj = response.context["page_obj"]
    return [entry.url for entry in page_obj.object_list] if page_obj else []


def test_english_query_finds_the_english_about_page(client, english_site):
    response = client.get("/en/search/", {"q": "history"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "en"
    urls = result_urls(response)
    assert "/en/about/history/" in urls
    assert all(url.startswith("/en/") for url in urls), urls
    assert 'href="/en/about/history/"' in html
    assert re.search(rf'<time datetime="[^"]+">\d{{1,2}} ({MONTHS}) \d{{4}}</time>', html)


def test_vietnamese_search_never_shows_english_pages_and_vice_versa(client, english_site):
    for query in ("history", "leadership", "about", "lich su", "gioi thieu", "dai hoi"):
        vietnamese = result_urls(client.get("/tim-kiem/", {"q": query}))
        english = result_urls(client.get("/en/search/", {"q": query}))
        assert not [url for url in vietnamese if url.startswith("/en/")], (query, vietnamese)
        assert all(url.startswith("/en/") for url in english), (query, english)
    # The Vietnamese article is found in Vietnamese only (the results cache keys on the language too).
    assert english_site["article_url"] in result_urls(client.get("/tim-kiem/", {"q": "dai hoi"}))
    assert result_urls(client.get("/en/search/", {"q": "dai hoi"})) == []


def test_header_search_box_points_to_the_search_of_its_language(client, english_site):
    english = client.get("/en/about/").content.decode()
    assert re.search(r'<form class="header-search"[^>]*action="/en/search/"', english)
    vietnamese = client.get("/gioi-thieu/").content.decode()
    assert re.search(r'<form class="header-search"[^>]*action="/tim-kiem/"', vietnamese)
    page = client.get("/en/search/", {"q": "history"}).content.decode()
    assert re.search(r'<form class="search-form" method="get" action="/en/search/"', page)


@pytest.mark.parametrize("url", ["/en/search/", "/en/search/?q=history", "/en/search/?q=zzqqxx+nothing"])
def test_no_vietnamese_text_on_english_search(client, english_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "en"
    found = vietnamese_in(html)
    assert not found, (url, found)
    if "zzqqxx" in url:
        assert "No results found" in html


def test_other_languages_search_addresses_are_not_pages(client, english_site):
    assert client.get("/en/tim-kiem/").status_code == 404
    assert client.get("/search/").status_code == 404
    assert client.get("/tim-kiem/").status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "<script>alert(1)</script>"},
        {"q": "a" * 5000},
        {"q": '"history" OR * NEAR(', "page": "-1"},
        {"q": "history", "page": "abc"},
        {"q": "history", "section": "abc", "kind": "zzz", "all_sites": "on"},
        {"q": "history", "date_from": "99/99/9999", "date_to": "0001-01-01"},
        {"q": "history", "date_from": "05/01/2024", "date_to": "01/01/2020"},
    ],
)
def test_hostile_english_search_never_500(client, english_site, params):
    response = client.get("/en/search/", params)
    # 400: a NUL byte, refused before the URL (and so the language) is read.
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 200:
        assert not vietnamese_in(response.content.decode())
