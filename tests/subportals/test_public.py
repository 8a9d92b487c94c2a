"""One install, many portals: each host shows its own home, menu, settings, polls, sitemap."""

import re

import pytest
from django.test import Client

from tests.subportals.conftest import SUB_HOST
from vnportal.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def sub_client(**extra):
    return Client(HTTP_HOST=SUB_HOST, **extra)


def test_each_host_shows_its_own_home_name_and_menu(site, section, subsite, sub_section):
    province = SiteSettings.for_site(site)
    province.agency_name = "Cổng thông tin điện tử tỉnh Sơn Hà"
    province.save()
    main_html = Client().get("/").content.decode()
    sub_html = sub_client().get("/").content.decode()
    assert "Cổng thông tin điện tử tỉnh Sơn Hà" in main_html and "huyện An Bình" not in main_html
    assert "Cổng thông tin điện tử huyện An Bình" in sub_html and "tỉnh Sơn Hà" not in sub_html
    # The built-in menu lists the site's own sections only.
    main_nav = re.search(r'<nav[^>]*class="[^"]*main-nav.*?</nav>', main_html, re.S)
    sub_nav = re.search(r'<nav[^>]*class="[^"]*main-nav.*?</nav>', sub_html, re.S)
    main_nav = main_nav.group(0) if main_nav else main_html
    sub_nav = sub_nav.group(0) if sub_nav else sub_html
    assert section.title in main_nav and sub_section.title not in main_nav
    assert sub_section.title in sub_nav and section.title not in sub_nav
    assert sub_client().get("/tin-tuc-su-kien/").status_code == 404  # the province's section


def test_canonical_feeds_and_sitemap_use_the_hosts_own_address(site, make_article, subsite, sub_article):
    main_article = make_article()
    html = sub_client().get("/tin-tuc-huyen/lam-duong/").content.decode()
    assert f'<link rel="canonical" href="http://{SUB_HOST}/tin-tuc-huyen/lam-duong/">' in html
    feed = sub_client().get("/rss/").content.decode()
    assert f"http://{SUB_HOST}/tin-tuc-huyen/lam-duong/" in feed and "testserver" not in feed
    sub_map = sub_client().get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sub_map)
    assert locations and all(loc.startswith(f"http://{SUB_HOST}/") for loc in locations)
    assert f"http://{SUB_HOST}/tin-tuc-huyen/lam-duong/" in locations
    main_map = Client().get("/sitemap.xml").content.decode()
    assert SUB_HOST not in main_map and main_article.url_path.split("/", 2)[2] in main_map


def test_a_poll_of_one_portal_is_not_on_another(home, subsite, make_site_poll):
    from tests.support.polls import ids, vote

    main_poll = make_site_poll(home.get_site(), "Câu hỏi của tỉnh?", is_current=True)
    sub_poll = make_site_poll(subsite, "Câu hỏi của huyện?", is_current=True)
    main_poll.refresh_from_db()
    assert main_poll.is_current  # marking the sub-portal's current poll leaves the province's alone

    main_home, sub_home = Client().get("/").content.decode(), sub_client().get("/").content.decode()
    assert "Câu hỏi của tỉnh?" in main_home and "Câu hỏi của huyện?" not in main_home
    assert "Câu hỏi của huyện?" in sub_home and "Câu hỏi của tỉnh?" not in sub_home
    main_archive = Client().get("/binh-chon/").content.decode()
    assert "Câu hỏi của huyện?" not in main_archive and "Câu hỏi của tỉnh?" in main_archive
    assert "Câu hỏi của tỉnh?" not in sub_client().get("/binh-chon/").content.decode()

    assert Client().get(f"/binh-chon/{sub_poll.pk}/").status_code == 404
    assert sub_client().get(f"/binh-chon/{main_poll.pk}/").status_code == 404
    assert Client().get(f"/api/polls/{sub_poll.pk}/").status_code == 404
    # Not votable through the other host; votable through its own.
    refused = vote(Client(REMOTE_ADDR="192.0.2.7"), sub_poll, ids(sub_poll)[:1])
    assert refused.status_code == 404 and sub_poll.ballots.count() == 0
    accepted = vote(sub_client(REMOTE_ADDR="192.0.2.8"), sub_poll, ids(sub_poll)[:1])
    assert accepted.status_code == 200 and sub_poll.ballots.count() == 1


def test_a_poll_block_of_another_portal_shows_nothing(home, subsite, make_site_poll, make_article):
    sub_poll = make_site_poll(subsite, "Câu hỏi của huyện trong bài tỉnh?")
    article = make_article(body=[("poll", {"poll": sub_poll})])
    html = Client().get(article.url).content.decode()
    assert "Câu hỏi của huyện trong bài tỉnh?" not in html


def test_tin_co_so_lists_shared_articles_linking_to_their_own_host(home, make_section, subsite, sub_article):
    from vnportal.news.models import ArticlePage

    not_shared = ArticlePage(title="Tin chỉ của huyện", slug="chi-cua-huyen", lead="Sapo.")
    sub_article.get_parent().add_child(instance=not_shared)
    not_shared.save_revision().publish()
    tin_co_so = make_section("Tin cơ sở", lists_shared=True)
    html = Client().get(tin_co_so.url).content.decode()
    assert sub_article.title in html and "Tin chỉ của huyện" not in html
    assert f'href="http://{SUB_HOST}/tin-tuc-huyen/lam-duong/"' in html
    # The reader sees whose news it is before following the link to another host.
    assert f'<span class="source-portal">{subsite.site_name}</span>' in html
    # One row: shared, not copied.
    assert ArticlePage.objects.filter(title=sub_article.title).count() == 1
    # The sub-portal's own sections list nothing of the province's Tin cơ sở.
    assert sub_client().get("/tin-co-so/").status_code == 404


def test_sub_portal_home_and_polls_survive_hostile_hosts(subsite):
    assert Client(HTTP_HOST="x.localhost").get("/").status_code == 200  # the default site answers
    assert Client(HTTP_HOST="evil.example.com").get("/").status_code == 400


def test_a_sub_portals_document_is_not_on_the_provinces_sitemap(client, make_document, subsite):
    """The apps' entries are listed on the province's sitemap, at its address: a sub-portal's
    document there would name the wrong host (core/sitemaps.py, library/sitemaps.py)."""
    ours = make_document("31-NQ/TW", "Về đột phá phát triển khoa học")
    theirs = make_document("05-KH/HU", "Kế hoạch của huyện")
    theirs.site = subsite
    theirs.save()
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/van-ban/{ours.pk}/</loc>" in xml
    assert f"/van-ban/{theirs.pk}/</loc>" not in xml
