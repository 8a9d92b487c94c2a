"""English pages under /en/ (issue 17, point 1): every Vietnamese address stays as it was, English
pages say lang="en", link their translations both ways, write dates the English way, and draw
the whole layout from the English catalog."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from vnportal.agency.models import AboutIndexPage, AboutPage
from vnportal.core import languages, pagecache

pytestmark = pytest.mark.django_db

VIETNAMESE_URLS = {
    "/": 200,
    "/gioi-thieu/": 200,
    "/gioi-thieu/lanh-dao-tinh/": 200,
    "/gioi-thieu/co-cau-to-chuc/": 200,
    "/van-ban/": 200,
    "/tim-kiem/": 200,
    "/tim-kiem/?q=dai+hoi": 200,
    "/lich-cong-tac/": 200,
    "/hoi-dap/": 200,
    "/lien-he/": 200,
    "/sitemap.xml": 200,
    "/quan-tri/": 302,  # to the sign-in page
    "/khong-co-trang-nay/": 404,
}
ASKING_FOR_ENGLISH = [
    {},
    {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"},
    {"HTTP_ACCEPT_LANGUAGE": "en"},
    {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"},
]
ENGLISH_URLS = [
    "/en/",
    "/en/about/",
    "/en/about/leadership/",
    "/en/about/organisation/",
    "/en/about/functions-and-duties/",
    "/en/about/contact/",
]
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
# Vietnamese words a layout might carry even without diacritics (an ASCII fallback, a slug shown as text).
VIETNAMESE_WORDS = re.compile(
    r"\b(trang chu|gioi thieu|tim kiem|lien he|dang nhap|dang ky|van ban|hoi dap|lich cong tac|"
    r"thong ke|binh chon|truc tuyen|hom nay|hom qua|tong so|dia chi|dien thoai|ve dau trang)\b",
    re.IGNORECASE,
)
ENGLISH_DATE = re.compile(
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} "
    r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
)


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


class ReaderText(HTMLParser):
    """What a reader reads (text, and title/placeholder/aria-label/alt), leaving out what is marked
    as another language (lang="vi": the switcher's "Tiếng Việt") and scripts."""

    LABELS = ("title", "placeholder", "aria-label", "alt")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack = []  # one entry per open element: True when it (or a parent) is skipped
        self.found = []

    def skipped(self):
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = tag != "html" and (attrs.get("lang") or "en")[:2] != "en"
        skip = self.skipped() or tag in ("script", "style") or other_language
        if not skip:
            self.found += [value for name, value in attrs.items() if name in self.LABELS and value]
            if tag == "meta" and attrs.get("name") in ("description", "DC.title", "DC.creator"):
                self.found.append(attrs.get("content") or "")
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skipped() and data.strip():
            self.found.append(data.strip())


def reader_text(html):
    parser = ReaderText()
    parser.feed(html)
    return parser.found


def vietnamese_in(html):
    return [text for text in reader_text(html) if VIETNAMESE_LETTERS.search(text) or VIETNAMESE_WORDS.search(text)]


# --- Vietnamese addresses stay as they are -------------------------------------------------------


@pytest.mark.parametrize("headers", ASKING_FOR_ENGLISH, ids=["plain", "accept-en-gb", "accept-en", "cookie-en"])
def test_every_vietnamese_url_answers_as_before_whatever_the_browser_asks(client, english_site, headers):
    urls = dict(VIETNAMESE_URLS)
    urls[english_site["section_url"]] = 200
    urls[english_site["article_url"]] = 200
    for url, status in urls.items():
        response = client.get(url, **headers)
        assert response.status_code == status, (url, headers, response.status_code)
        location = response.get("Location", "")
        assert not location.startswith("/en/"), (url, location)
        if status == 200 and "html" in response["Content-Type"]:
            assert html_lang(response.content.decode()) == "vi", url
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies, url
    assert client.get("/quan-tri/").headers["Location"].startswith("/quan-tri/login/")


def test_language_stays_vietnamese_by_default():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


# --- English pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ENGLISH_URLS)
def test_english_pages_are_english(client, english_site, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200, url
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_english_leaders_and_units_show_their_english_words(client, english_site):
    leaders = client.get("/en/about/leadership/").content.decode()
    assert "Nguyen Hoang Long" in leaders and "Secretary of the Provincial Party Committee" in leaders
    assert "Bí thư" not in leaders
    contact = client.get("/en/about/contact/").content.decode()
    assert "Office of the Provincial Party Committee" in contact and "0200 3 800 810" in contact
    chart = client.get("/en/about/organisation/").content.decode()
    assert "Standing Board of the Provincial Party Committee" in chart and "Văn phòng" not in chart


def test_a_vietnamese_page_is_not_served_under_en(client, english_site):
    for url in (
        "/en/gioi-thieu/",
        "/en/gioi-thieu/lanh-dao-tinh/",
        english_site["section_url"].replace("/", "/en/", 1),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert html_lang(response.content.decode()) == "en"


def test_without_an_english_home_en_is_a_404_not_the_vietnamese_home(client, english_site, home):
    english_home = home.get_translation(languages.locale_ids()["en"])
    english_home.unpublish()
    assert client.get("/en/").status_code == 404
    assert client.get("/").status_code == 200


def test_hreflang_alternates_both_ways(client, english_site):
    base = settings.PUBLIC_URL
    vietnamese = alternates(client.get("/gioi-thieu/lanh-dao-tinh/").content.decode())
    english = alternates(client.get("/en/about/leadership/").content.decode())
    expected = {
        "vi": f"{base}/gioi-thieu/lanh-dao-tinh/",
        "en": f"{base}/en/about/leadership/",
        "x-default": f"{base}/gioi-thieu/lanh-dao-tinh/",
    }
    assert vietnamese == expected
    assert english == expected
    home = alternates(client.get("/").content.decode())
    assert home["en"] == f"{base}/en/" and home["vi"] == f"{base}/"
    # A page with no translation has no alternates.
    assert alternates(client.get("/van-ban/").content.decode()) == {}
    assert alternates(client.get("/en/about/contact/").content.decode()) == {}


def test_language_switcher_links_to_the_translation_or_the_other_home(client, english_site):
    def switch(url):
        html = client.get(url).content.decode()
        found = re.findall(
            r'class="language-switcher"[^>]*><a href="([^"]+)" hreflang="(\w+)" lang="\w+">([^<]+)</a>', html
        )
        # Drawn twice, in the header and in the phones' menu row (CSS shows one of them): the two agree.
        assert len(found) == 2 and found[0] == found[1], found
        return found[:1]

    assert switch("/gioi-thieu/lanh-dao-tinh/") == [("/en/about/leadership/", "en", "English")]
    assert switch("/en/about/leadership/") == [("/gioi-thieu/lanh-dao-tinh/", "vi", "Tiếng Việt")]
    assert switch("/van-ban/") == [("/en/", "en", "English")]
    assert switch("/en/about/contact/") == [("/", "vi", "Tiếng Việt")]
    assert switch("/en/") == [("/", "vi", "Tiếng Việt")]


def test_english_dates(client, english_site):
    html = client.get("/en/about/leadership/").content.decode()
    last_updated = re.search(r'class="last-updated">[^<]*<time[^>]*>([^<]+)</time>', html).group(1)
    assert ENGLISH_DATE.match(last_updated), last_updated
    vietnamese = client.get("/gioi-thieu/lanh-dao-tinh/").content.decode()
    line = re.search(r'class="last-updated">[^<]*<time[^>]*>([^<]+)</time>', vietnamese).group(1)
    assert re.match(r"(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4}", line), line


def test_english_date_format():
    import datetime

    from django.utils import translation

    from vnportal.core import text

    moment = datetime.datetime(2020, 11, 13, 15, 30)
    with translation.override("en"):
        assert text.format_article_datetime(moment) == "Friday, 13 November 2020 15:30"
        assert text.format_document_date(datetime.date(2020, 1, 5)) == "Sunday, 5 January 2020"
        assert text.format_short_date(moment) == "13 November 2020"
    with translation.override("vi"):
        assert text.format_article_datetime(moment) == "Thứ Sáu, 13/11/2020 15:30"


# --- The layout on English pages: nothing Vietnamese ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        *ENGLISH_URLS,
        "/en/about/history/",
        "/en/no-such-page/",
        "/en/gioi-thieu/",
        "/en/search/",
        "/en/search/?q=history",  # with results
        "/en/search/?q=zzqqxx",  # without
    ],
)
def test_no_vietnamese_text_on_english_pages(client, english_site, url):
    """The English demo's words carry no Vietnamese either, so the whole page is read: header,
    menu, search box, sidebar blocks, rating widget, footer, 404 page; only what is marked
    lang="vi" (the switcher's "Tiếng Việt") is left out."""
    response = client.get(url)
    html = response.content.decode()
    found = vietnamese_in(html)
    assert not found, (url, found)
    assert 'lang="vi">Tiếng Việt</a>' in html  # the switcher is there, marked as Vietnamese


def test_the_chrome_test_does_catch_vietnamese(client, english_site):
    html = client.get("/gioi-thieu/").content.decode()
    assert vietnamese_in(html)
    assert vietnamese_in("<p>Trang chu</p>") and not vietnamese_in('<a lang="vi">Tiếng Việt</a>')


def test_english_menu_lists_only_english_pages(client, english_site):
    html = client.get("/en/about/").content.decode()
    start = html.index('id="main-menu"')
    # The menu's own links end where the phones' copy of the language switcher begins.
    links = re.findall(r'<a href="([^"]+)"', html[start : html.index('class="nav-language"', start)])
    assert links[0] == "/en/" and "/en/about/" in links and "/en/about/contact/" in links
    assert all(link.startswith("/en/") for link in links), links


def test_english_500_page(client, english_site):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        html = render_to_string("500.html")
    assert html_lang(html) == "en" and "Server error" in html and 'href="/en/"' in html
    assert not vietnamese_in(html)
    with translation.override("vi"):
        assert "Lỗi máy chủ" in render_to_string("500.html")


def test_english_catalog_has_no_vietnamese():
    path = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.po"
    msgstrs = re.findall(r'^msgstr "(.*)"$', path.read_text(), re.M)
    assert msgstrs and not [s for s in msgstrs if VIETNAMESE_LETTERS.search(s)]


# --- The page cache: the language is in the path ----------------------------------------------------------


def test_page_cache_key_ignores_accept_language():
    base = {"HTTP_HOST": "portal.example.vn", "PATH_INFO": "/gioi-thieu/", "QUERY_STRING": ""}
    keys = {pagecache.cache_key(dict(base, HTTP_ACCEPT_LANGUAGE=value)) for value in ("", "en", "vi,en;q=0.5", "fr")}
    assert len(keys) == 1
    assert pagecache.cache_key(dict(base, PATH_INFO="/en/about/")) not in keys


def test_cached_pages_do_not_vary_on_accept_language(client, english_site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    pagecache.reset()
    for url in ("/gioi-thieu/", "/en/about/"):
        first = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert "accept-language" not in first.get("Vary", "").lower()
        second = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert html_lang(second.content.decode()) == html_lang(first.content.decode())
    pagecache.reset()


# --- Translations of records --------------------------------------------------------------------------------


def test_new_vietnamese_about_page_is_not_in_english_until_translated(client, english_site):
    index = AboutIndexPage.objects.get(slug="gioi-thieu")
    page = AboutPage(title="Thành tựu", slug="thanh-tuu", body="<p>Nội dung.</p>")
    index.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/en/about/").content.decode()
    assert "/thanh-tuu/" not in html and "Thành tựu" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/%ff/",
        "/en/about/%00/",
        "/en/<script>/",
        "/en/about/" + "a" * 3000 + "/",
        "/en/en/en/",
        "/en",
        "/EN/",
        "/en-us/",
    ],
)
def test_hostile_english_paths_never_500(client, english_site, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en;q=xyz,,;")
    assert response.status_code in (200, 301, 302, 400, 404), (url, response.status_code)
