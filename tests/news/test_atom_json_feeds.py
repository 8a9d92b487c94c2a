"""Atom and JSON Feed beside RSS (issue 17, acceptance 3): the same items, valid, linked from the page head."""

import datetime
import json

import feedparser
import pytest
from django.utils import timezone

BASE = timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 0))


@pytest.fixture
def newsroom(make_section, make_article):
    economy = make_section("Kinh tế - Xã hội")
    party = make_section("Xây dựng Đảng")
    make_article("Tin kinh tế cũ", parent=economy, display_date=BASE, author="Thu Hà", tags=["kinh tế"])
    make_article("Tin kinh tế mới", parent=economy, display_date=BASE + datetime.timedelta(days=1))
    make_article("Tin xây dựng Đảng", parent=party, display_date=BASE + datetime.timedelta(days=2))
    make_article("Bản nháp chưa đăng", parent=economy, publish=False)
    return economy


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,titles",
    [
        ("/atom/", ["Tin xây dựng Đảng", "Tin kinh tế mới", "Tin kinh tế cũ"]),
        ("/kinh-te-xa-hoi/atom/", ["Tin kinh tế mới", "Tin kinh tế cũ"]),
    ],
)
def test_atom_feed_is_valid_and_holds_the_live_articles(client, newsroom, url, titles):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == titles
    entry = feed.entries[-1]
    assert entry.link.startswith("http://testserver/kinh-te-xa-hoi/")
    assert entry.id == entry.link and entry.summary == "Sapo của bài viết."
    assert entry.updated_parsed and entry.published_parsed[:3] == (2024, 3, 1)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == ["http://testserver" + url]


@pytest.mark.django_db
@pytest.mark.parametrize("url,count", [("/json/", 3), ("/kinh-te-xa-hoi/json/", 2)])
def test_json_feed_has_every_required_field(client, newsroom, url, count):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    # JSON Feed 1.1: version and title required, items an array; each item an id and content.
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list)
    assert feed["feed_url"] == "http://testserver" + url and feed["home_page_url"].startswith("http://testserver/")
    assert feed["language"] == "vi"
    assert len(feed["items"]) == count
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert "content_text" in item or "content_html" in item
        assert item["url"].startswith("http://testserver/")
        datetime.datetime.fromisoformat(item["date_published"])
        assert item["date_published"].endswith("+07:00")
    oldest = feed["items"][-1]
    assert oldest["authors"] == [{"name": "Thu Hà"}] and oldest["tags"] == ["kinh tế"]
    assert "Bản nháp" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page_url", ["/", "/kinh-te-xa-hoi/"])
def test_pages_link_their_three_feeds_in_the_head(client, newsroom, page_url):
    html = client.get(page_url).content.decode()
    head = html.split("</head>")[0]
    for kind, suffix in (("rss+xml", "rss/"), ("atom+xml", "atom/"), ("feed+json", "json/")):
        assert f'type="application/{kind}" href="{page_url}{suffix}"' in head, kind
        assert client.get(page_url + suffix).status_code == 200


@pytest.mark.django_db
def test_a_publish_purges_every_feed_of_its_sections(newsroom, make_article):
    from vnportal.core.purge import page_paths

    article = make_article("Tin mới nhất", parent=newsroom)
    _host, paths = page_paths(article)
    for suffix in ("rss/", "atom/", "json/"):
        assert "/" + suffix in paths and "/kinh-te-xa-hoi/" + suffix in paths
