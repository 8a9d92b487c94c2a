"""RSS, sitemap.xml, the HTML site map, article metadata and the print view (acceptance 4)."""

import datetime
import re

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

BASE = timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 0))


@pytest.fixture
def newsroom(make_section, make_article):
    economy = make_section("Kinh tế - Xã hội")
    party = make_section("Xây dựng Đảng")
    items = {
        "old": make_article("Tin kinh tế cũ", parent=economy, display_date=BASE, author="Thu Hà", tags=["kinh tế"]),
        "new": make_article(
            "Tin kinh tế mới",
            parent=economy,
            display_date=BASE + datetime.timedelta(days=1),
            tags=["kinh tế", "đầu tư"],
        ),
        "party": make_article("Tin xây dựng Đảng", parent=party, display_date=BASE + datetime.timedelta(days=2)),
        "draft": make_article("Bản nháp chưa đăng", parent=economy, publish=False),
    }
    return {"economy": economy, "party": party, **items}


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


@pytest.mark.django_db
def test_site_feed_lists_every_live_article_newest_first(client, newsroom):
    feed = _parse(client, "/rss/")
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Tin xây dựng Đảng", "Tin kinh tế mới", "Tin kinh tế cũ"]
    entry = feed.entries[1]
    assert entry.link == "http://testserver/kinh-te-xa-hoi/tin-kinh-te-moi/"
    assert entry.summary == "Sapo của bài viết."
    assert {tag.term for tag in entry.tags} == {"kinh tế", "đầu tư"}
    assert entry.published_parsed[:3] == (2024, 3, 2)
    assert feed.feed.language == "vi"


@pytest.mark.django_db
def test_section_feed_holds_only_that_section(client, newsroom):
    feed = _parse(client, "/kinh-te-xa-hoi/rss/")
    assert [e.title for e in feed.entries] == ["Tin kinh tế mới", "Tin kinh tế cũ"]
    assert "Kinh tế - Xã hội" in feed.feed.title
    assert feed.entries[1].author == "Thu Hà"


@pytest.mark.django_db
def test_feed_queries_do_not_grow_with_items(client, newsroom, make_article):
    client.get("/rss/")
    with CaptureQueriesContext(connection) as small:
        client.get("/rss/")
    for n in range(10):
        make_article(f"Tin thêm {n}", parent=newsroom["party"], tags=[f"thẻ {n}", "chung"])
    client.get("/rss/")
    with CaptureQueriesContext(connection) as large:
        client.get("/rss/")
    assert len(large) == len(small)


@pytest.mark.django_db
def test_feeds_are_advertised_in_the_page_head(client, newsroom):
    assert 'type="application/rss+xml" href="/rss/"' in client.get("/").content.decode()
    html = client.get("/kinh-te-xa-hoi/").content.decode()
    assert 'type="application/rss+xml" href="/kinh-te-xa-hoi/rss/"' in html


@pytest.mark.django_db
def test_sitemap_xml_lists_live_pages_only(client, newsroom):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    # Wagtail writes the Site's own root URL (here the default site, http://localhost).
    locations = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", body)]
    assert "/kinh-te-xa-hoi/tin-kinh-te-moi/" in locations
    assert "/xay-dung-dang/" in locations
    assert not any("ban-nhap" in loc for loc in locations)
    assert "<lastmod>" in body


@pytest.mark.django_db
def test_html_site_map_shows_sections(client, newsroom):
    html = client.get("/so-do-cong/").content.decode()
    assert "Sơ đồ cổng" in html
    assert 'href="/kinh-te-xa-hoi/"' in html and 'href="/xay-dung-dang/"' in html


@pytest.mark.django_db
def test_article_carries_dublin_core_and_opengraph(client, newsroom):
    html = client.get("/kinh-te-xa-hoi/tin-kinh-te-moi/").content.decode()

    def meta(attr, name):
        found = re.findall(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)">', html)
        assert found, name
        return found

    assert meta("name", "DC.title") == ["Tin kinh tế mới"]
    assert meta("name", "DC.language") == ["vi"]
    assert meta("name", "DC.date")[0].startswith("2024-03-02T09:00:00")
    assert sorted(meta("name", "DC.subject")) == ["kinh tế", "đầu tư"]
    assert meta("property", "og:type") == ["article"]
    assert meta("property", "og:title") == ["Tin kinh tế mới"]
    assert meta("property", "og:url") == ["http://testserver/kinh-te-xa-hoi/tin-kinh-te-moi/"]
    assert meta("property", "og:locale") == ["vi_VN"]
    assert meta("property", "article:section") == ["Kinh tế - Xã hội"]
    assert '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">' in html


@pytest.mark.django_db
def test_og_image_is_an_absolute_url(client, newsroom):
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from vnportal.news.demo.images import landscape_png

    article = newsroom["new"]
    article.hero_image = get_image_model().objects.create(
        title="Ảnh", file=ImageFile(io.BytesIO(landscape_png(2, (10, 80, 150), size=(300, 200))), name="a.png")
    )
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/media/images/")
    assert client.get(image.removeprefix("http://testserver")).status_code == 200


@pytest.mark.django_db
def test_print_view(client, newsroom):
    article = newsroom["new"]
    html = client.get(article.url).content.decode()
    assert f'href="{article.url}in/"' in html
    response = client.get(f"{article.url}in/")
    assert response.status_code == 200
    printed = response.content.decode()
    assert "Tin kinh tế mới" in printed and "Sapo của bài viết." in printed
    assert 'class="site-header"' not in printed and 'class="sidebar"' not in printed
    assert '<meta name="robots" content="noindex">' in printed
    assert re.search(r"https?://[^/]+/kinh-te-xa-hoi/tin-kinh-te-moi/", printed)
    assert client.get(f"{newsroom['draft'].url}in/").status_code == 404


@pytest.mark.django_db
def test_control_characters_are_stripped_from_titles_and_the_section_feed_parses(client, make_section, make_article):
    """Issue 12, point 7: a title pasted with a control character (U+0008, NUL, ESC …) is cleaned on save,
    and the section's RSS stays well-formed XML."""
    from vnportal.news.models import ArticlePage

    economy = make_section("Kinh tế\x07 - Xã hội")
    article = make_article("Tin\x08 kinh tế\x00 mới\x1b[0m\x7f", parent=economy, lead="Sapo\x0b có\x01 ký tự lạ.")
    article.refresh_from_db()
    economy.refresh_from_db()
    assert article.title == "Tin kinh tế mới[0m"
    assert article.draft_title == "Tin kinh tế mới[0m"
    assert economy.title == "Kinh tế - Xã hội"
    feed = _parse(client, "/kinh-te-xa-hoi/rss/")
    assert [e.title for e in feed.entries] == ["Tin kinh tế mới[0m"]
    # A row written before the cleaning existed (straight to the database) still gives a valid feed.
    ArticlePage.objects.filter(pk=article.pk).update(title="Tin\x08 cũ\x1f", lead="Sapo\x0c cũ")
    feed = _parse(client, "/kinh-te-xa-hoi/rss/")
    assert [e.title for e in feed.entries] == ["Tin cũ"]
    assert feed.entries[0].summary == "Sapo cũ"
