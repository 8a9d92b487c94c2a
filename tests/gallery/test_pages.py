"""Thư viện ảnh and video: what the public pages show, their metadata, and their fixed query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from vnportal.core import purge

# Query counts compared between renders: the sidebar statistics must not expire in between on a loaded machine.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stats_caches_held")]

ALBUM_LIMIT = 12
LISTING_LIMIT = 12


@pytest.fixture(autouse=True)
def no_rendition_cache(settings):
    # Renditions must come in one query however many photos a page shows.
    settings.CACHES = {**settings.CACHES, "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def warm_count(client, url):
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_index_pages_live_at_their_vietnamese_addresses(album_index, video_index):
    assert album_index.url == "/thu-vien-anh/"
    assert video_index.url == "/video/"


def test_album_shows_every_photo_with_alt_caption_and_credit(client, make_album):
    album = make_album(photos=3)
    html = client.get(album.url).content.decode()
    assert html.count('class="album-thumb"') == 3
    for index in range(1, 4):
        assert f'alt="Đội thuyền số {index} tăng tốc giữa dòng"' in html
        assert f"Chú thích ảnh {index}" in html
    assert "Ảnh: Thu Hà" in html  # the photo's own credit
    assert html.count("Ảnh: Minh Khang") >= 2  # the album's credit for the others
    # Without JavaScript, each thumbnail links to the large image.
    links = re.findall(r'class="album-thumb" href="([^"]+)"', html)
    assert all(link.startswith("/media/images/") and ".max-1200x900" in link for link in links)
    assert 'src="/static/vnportal/js/gallery.js"' in html
    assert "autoplay" not in html


def test_album_query_count_does_not_grow_with_photos(client, make_album, stats_caches_held):
    small, _ = warm_count(client, make_album("Album nhỏ", photos=1).url)
    large, html = warm_count(client, make_album("Album lớn", photos=8).url)
    assert html.count('class="album-thumb"') == 8
    print(f"album page: {small} queries with 1 photo, {large} with 8")
    assert large == small, (small, large)
    assert large <= ALBUM_LIMIT


def test_listings_query_counts_are_fixed(client, album_index, video_index, make_album, make_video, stats_caches_held):
    make_album("Album 1", photos=2)
    make_video("Video 1", poster=get_image_model().objects.first())
    album_small, _ = warm_count(client, album_index.url)
    video_small, _ = warm_count(client, video_index.url)
    for number in range(2, 6):
        make_album(f"Album {number}", photos=number)
        make_video(f"Video {number}", poster=get_image_model().objects.first())
    album_large, album_html = warm_count(client, album_index.url)
    video_large, video_html = warm_count(client, video_index.url)
    assert album_html.count('class="media-card"') == 5
    assert video_html.count('class="media-card"') == 5
    assert "5 ảnh" in album_html  # the photo count, in Vietnamese
    print(
        f"listings: albums {album_small}/{album_large}, videos {video_small}/{video_large} queries (1 item / 5 items)"
    )
    assert album_large == album_small and video_large == video_small, (
        album_small,
        album_large,
        video_small,
        video_large,
    )
    assert max(album_large, video_large) <= LISTING_LIMIT


def test_drafts_are_not_listed_or_served(client, album_index, make_album):
    draft = make_album("Album nháp", publish=False)
    assert "Album nháp" not in client.get(album_index.url).content.decode()
    assert client.get(f"/thu-vien-anh/{draft.slug}/").status_code == 404


def test_video_page_plays_nothing_by_itself_and_carries_captions_and_transcript(client, make_video):
    video = make_video()
    html = client.get(video.url).content.decode()
    assert re.search(r'<video controls preload="metadata" playsinline', html)
    assert "autoplay" not in html
    assert '<track kind="captions" src="/media/video/phu-de/' in html and 'srclang="vi"' in html
    assert 'type="video/webm"' in html
    assert "Lời thoại: bình minh trên sông." in html
    assert "Bản ghi lời" in html  # the transcript's heading, in Vietnamese


def test_embedded_video_is_a_titled_frame(client, make_video):
    video = make_video(embed_url="https://www.youtube-nocookie.com/embed/abc123", title="Phóng sự Sơn Hà")
    html = client.get(video.url).content.decode()
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Phóng sự Sơn Hà"' in html
    assert "<video" not in html


def test_metadata_dublin_core_and_open_graph(client, settings, make_album, make_video):
    album = make_album()
    html = client.get(album.url).content.decode()
    base = settings.PUBLIC_URL
    assert f'<link rel="canonical" href="{base}{album.url}">' in html
    assert f'<meta name="DC.title" content="{album.title}">' in html
    assert '<meta name="DC.type" content="Image">' in html
    assert '<meta name="DC.language" content="vi">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:image" content="' + re.escape(base) + r'/media/images/[^"]+\.fill-1200x630', html
    )
    video = make_video()
    html = client.get(video.url).content.decode()
    assert '<meta name="DC.type" content="MovingImage">' in html
    assert f'<meta property="og:video" content="{base}/media/video/' in html


def test_listed_in_the_menu_site_map_and_sitemap_xml(client, album_index, video_index, make_album, make_video):
    album, video = make_album(), make_video()
    home_html = client.get("/").content.decode()
    assert 'href="/thu-vien-anh/"' in home_html and 'href="/video/"' in home_html
    site_map = client.get("/so-do-cong/").content.decode()
    assert "Thư viện ảnh" in site_map and "/video/" in site_map
    sitemap = client.get("/sitemap.xml").content.decode()
    for page in (album_index, video_index, album, video):
        assert f"{page.url}</loc>" in sitemap


def test_found_by_the_portal_search(client, make_album, make_video):
    album = make_album("Lễ hội đua thuyền truyền thống")
    video = make_video("Bình minh trên sông Hà", transcript="Thuyền của bà con ra đồng từ sáng sớm.")
    html = client.get("/tim-kiem/", {"q": "dua thuyen"}).content.decode()
    assert f'<a href="{album.url}">Lễ hội <mark>đua thuyền</mark> truyền thống</a>' in html
    assert re.search(r'<a class="row-thumb" href="' + album.url + r'"[^>]*><img[^>]+fill-480x300', html)  # its cover
    html = client.get("/tim-kiem/", {"q": "ra đồng"}).content.decode()  # found by its transcript
    assert f'<a href="{video.url}">Bình minh trên sông Hà</a>' in html


def test_publishing_purges_the_listing_and_the_page(make_album, album_index):
    album = make_album()
    _host, paths = purge.page_paths(album)
    assert album.url in paths and "/thu-vien-anh/" in paths and "/sitemap.xml" in paths


def test_publishing_an_album_makes_its_renditions_ahead(django_capture_on_commit_callbacks, make_album):
    with django_capture_on_commit_callbacks(execute=True):
        album = make_album(photos=2)
    for photo in album.photos.all():
        specs = set(photo.image.renditions.values_list("filter_spec", flat=True))
        assert {"fill-400x300|format-webp", "max-1200x900|format-webp"} <= specs, specs


def test_video_page_query_count_is_fixed(client, make_video, make_image):
    plain, _ = warm_count(client, make_video("Video không ảnh").url)
    short, _ = warm_count(client, make_video("Video ngắn", poster=make_image()).url)
    long_transcript = "\n\n".join(f"Đoạn lời thứ {n} của phóng sự." for n in range(200))
    rich, html = warm_count(client, make_video("Video có ảnh", poster=make_image(), transcript=long_transcript).url)
    assert "Đoạn lời thứ 199 của phóng sự." in html and 'poster="/media/images/' in html
    print(f"video page: {plain} queries without a poster, {short} with one, {rich} with one and a long transcript")
    assert rich == short and max(plain, rich) <= ALBUM_LIMIT
