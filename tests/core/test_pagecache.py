"""The page cache for anonymous readers (vnportal/core/pagecache.py, purge.py).

These run against the cache the settings give: local memory + a generation file on
SQLite, Redis + a shared generation with REDIS_URL set (CI runs both).
"""

import http.server
import threading

import pytest
from django.test import override_settings

from vnportal.core import pagecache, purge

HIT = pagecache.HIT_HEADER


def get_twice(client, url):
    first, second = client.get(url), client.get(url)
    return first, second


def test_an_anonymous_reader_gets_the_stored_page(client, page_cache, article):
    first, second = get_twice(client, article.url)
    assert first.status_code == second.status_code == 200
    assert first[HIT] == "MISS" and second[HIT] == "HIT"
    assert second.content == first.content
    # Marked for nginx and the statistics: public, kept by nginx for PAGE_CACHE_SECONDS, no
    # per-cookie variants, and the statistics count it by beacon (a copy still counts).
    assert "public" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    assert first["X-Accel-Expires"] == "300"
    assert "cookie" not in first.get("Vary", "").lower()
    assert b"data-stats-token" in first.content
    assert b"csrfmiddlewaretoken" not in first.content
    assert int(second["Age"]) >= 0


def test_a_head_request_shares_the_get_copy_and_sets_no_cookie(client, page_cache, article):
    """A monitor or link checker asks HEAD: it gets the stored page's headers, and its own render
    is the shared one (no personal poll block, so no CSRF cookie). That render is not stored:
    the statistics count GETs, and a HEAD's page carries no beacon."""
    head = client.head(article.url)
    assert head.status_code == 200 and HIT not in head
    assert not head.cookies and head.content == b""
    get = client.get(article.url)
    assert get[HIT] == "MISS" and b"data-stats-token" in get.content
    again = client.head(article.url)
    assert again[HIT] == "HIT" and not again.cookies and again.content == b""
    assert again["Content-Length"] == str(len(get.content))


def test_the_cache_is_off_when_the_setting_is_zero(client, settings, article):
    settings.PAGE_CACHE_SECONDS = 0
    pagecache.reset()
    first, second = get_twice(client, article.url)
    assert HIT not in first and HIT not in second
    assert "public" not in first.get("Cache-Control", "")
    assert b"data-stats-token" not in first.content  # counted on the server instead


def test_publishing_purges_the_page(client, page_cache, publish, article):
    client.get(article.url)
    assert client.get(article.url)[HIT] == "HIT"
    article.lead = "Sapo mới sau khi biên tập lại."
    publish(article)
    response = client.get(article.url)
    assert response[HIT] == "MISS"
    assert "Sapo mới sau khi biên tập lại." in response.content.decode()


def test_a_new_article_reaches_home_section_tag_page_and_feeds(
    client, page_cache, publish, make_article, section, home
):
    make_article("Bài cũ", tags=["Kinh tế"])
    urls = [home.url, section.url, "/the/kinh-te/", section.url + "rss/", home.url + "rss/", "/so-do-cong/"]
    for url in urls:
        client.get(url)
        assert client.get(url)[HIT] == "HIT", url
    publish(lambda: make_article("Tin mới về hội nghị tỉnh", tags=["Kinh tế"]))
    for url in urls[:5]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Tin mới về hội nghị tỉnh" in response.content.decode(), url


def test_unpublishing_and_moving_purge(client, page_cache, publish, make_article, make_section, section):
    gone = make_article("Bài sẽ gỡ")
    moved = make_article("Bài sẽ chuyển")
    other = make_section("Chuyên mục khác")
    old_url = moved.url
    for url in (gone.url, old_url):
        client.get(url)
        assert client.get(url)[HIT] == "HIT"
    publish(lambda: gone.unpublish())
    assert client.get(gone.url).status_code == 404
    publish(lambda: moved.move(other, pos="last-child"))
    moved.refresh_from_db()
    # Not the stored copy: Wagtail's automatic redirect to the new address.
    old = client.get(old_url)
    assert old.status_code == 301 and old["Location"] == moved.url
    assert client.get(moved.url).status_code == 200


def test_deleting_a_page_purges(client, page_cache, publish, make_article):
    doomed = make_article("Bài sẽ xoá")
    url = doomed.url
    client.get(url)
    assert client.get(url)[HIT] == "HIT"
    publish(lambda: doomed.delete())
    assert client.get(url).status_code == 404


def test_making_a_section_private_purges_it_and_its_articles(
    client, page_cache, publish, make_article, section, nginx_stand_in, settings
):
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_PURGE_URLS = [nginx_stand_in]
    article = make_article("Bài trong chuyên mục sắp thành riêng tư")
    for url in (section.url, article.url):
        client.get(url)
        assert client.get(url)[HIT] == "HIT"
    threads = []
    original = purge._in_background
    purge._in_background = lambda function, *args: threads.append(original(function, *args))
    try:
        publish(lambda: PageViewRestriction.objects.create(page=section, restriction_type="login"))
    finally:
        purge._in_background = original
    for thread in threads:
        thread.join(5)
    for url in (section.url, article.url):
        response = client.get(url)
        assert response.status_code == 302 and HIT not in response, url  # to the login page
    assert {section.url, article.url} <= {path for _host, path in PurgeRecorder.seen}


def test_a_draft_is_never_served_and_saving_one_keeps_the_live_copy(client, page_cache, make_article, section):
    draft_only = make_article("Bản nháp chưa đăng", publish=False)
    assert client.get(draft_only.url if draft_only.url else "/x/").status_code == 404
    live = make_article("Bài đang đăng")
    client.get(live.url)
    live.title = "Tiêu đề nháp chưa duyệt"
    live.save_revision()  # a draft revision: the public page must not change
    response = client.get(live.url)
    assert "Tiêu đề nháp chưa duyệt" not in response.content.decode()


def test_previews_and_editors_get_fresh_pages(client, admin_client, page_cache, article):
    from vnportal.news.models import ArticlePage

    client.get(article.url)
    # Change the live row behind the cache's back: only a purge could show it to guests.
    ArticlePage.objects.filter(pk=article.pk).update(lead="Sapo sửa thẳng trong cơ sở dữ liệu.")
    assert client.get(article.url)[HIT] == "HIT"
    fresh = admin_client.get(article.url)
    assert HIT not in fresh and "Sapo sửa thẳng" in fresh.content.decode()
    assert "public" not in fresh.get("Cache-Control", "")
    preview = admin_client.get(f"/quan-tri/pages/{article.pk}/view_draft/")
    assert preview.status_code == 200 and HIT not in preview


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "django_language"])
def test_a_personal_cookie_bypasses_the_cache(client, page_cache, article, cookie):
    client.get(article.url)
    assert client.get(article.url)[HIT] == "HIT"
    client.cookies[cookie] = "x"
    assert HIT not in client.get(article.url)


def test_a_response_that_sets_a_cookie_is_not_kept(client, page_cache, article, rf):
    from django.http import HttpResponse

    request = rf.get(article.url)
    response = HttpResponse("<html><body>x</body></html>")
    response["Cache-Control"] = "public, max-age=0"
    response.set_cookie("csrftoken", "abc")
    assert not pagecache.store(request.META, response)
    del response.cookies["csrftoken"]
    assert pagecache.store(request.META, response)


def test_wsgi_fast_path_answers_a_hit_without_django(client, page_cache, article):
    client.get(article.url)
    calls = []

    def django_app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"from django"]

    app = pagecache.wsgi_fast_path(django_app)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": article.url, "QUERY_STRING": "", "SERVER_NAME": "testserver"}
    seen = {}
    body = b"".join(app(environ, lambda status, headers: seen.update(status=status, headers=dict(headers))))
    assert calls == [] and seen["status"] == "200 OK" and seen["headers"][HIT] == "HIT"
    assert int(seen["headers"]["Content-Length"]) == len(body) and b"<html" in body
    # A reader with a session goes to Django, told that the cache was looked in already.
    b"".join(app(dict(environ, HTTP_COOKIE="sessionid=abc"), lambda *a: None))
    assert calls == [article.url]


def test_the_middleware_does_not_look_again_after_the_fast_path(client, page_cache, article):
    client.get(article.url)
    assert client.get(article.url)[HIT] == "HIT"
    # The fast path looked and (say) missed: Django renders instead of answering from the cache.
    response = client.get(article.url, **{pagecache.LOOKED_UP: True})
    assert response.get(HIT) != "HIT"


def test_file_generation_is_shared_by_processes(tmp_path):
    from vnportal.core.generations import FileGeneration

    one, two = FileGeneration(tmp_path / "g"), FileGeneration(tmp_path / "g")
    assert one.current() == two.current() == "0"
    one.bump()
    first = two.current()
    assert first != "0" and one.current() == first
    two.bump()
    assert one.current() != first


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    seen = []
    methods = {}  # path: PURGE (a hard purge) or REFRESH (a publish: pagecache.py, no cold herd)

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        PurgeRecorder.seen.append((self.headers["Host"], self.path))
        method = "REFRESH" if self.headers.get(purge.REFRESH_HEADER) == "1" else self.command
        PurgeRecorder.methods.setdefault(self.path, set()).add(method)
        self.send_response(404 if self.path.endswith(".xml") else 200)
        self.end_headers()

    do_GET = do_PURGE  # noqa: N815 (a refresh)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx_stand_in():
    PurgeRecorder.seen = []
    PurgeRecorder.methods = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_publishing_sends_nginx_the_pages_urls(
    page_cache, publish, make_article, section, home, site, nginx_stand_in, settings
):
    settings.PAGE_CACHE_PURGE_URLS = [nginx_stand_in]
    threads = []
    original = purge._in_background

    def remember(function, *args):
        threads.append(original(function, *args))

    purge._in_background = remember
    try:
        publish(lambda: make_article("Bài có thẻ", tags=["Quốc phòng"]))
    finally:
        purge._in_background = original
    for thread in threads:
        thread.join(5)
    paths = {path for _host, path in PurgeRecorder.seen}
    article_path = section.url + "bai-co-the/"
    assert {article_path, section.url, section.url + "rss/", "/", "/rss/", "/the/quoc-phong/", "/sitemap.xml"} <= paths
    assert {host for host, _path in PurgeRecorder.seen} == {site.hostname}
    # A publish withdraws nothing: nginx replaces its copies rather than deleting them first,
    # except the XML sitemap's, the article's PDF and the feeds (costly or seldom read, or polled
    # by programs): deleted, rendered when next asked for.
    purged = ["/sitemap.xml", article_path + "luu-bai/", "/rss/", "/json/", section.url + "atom/"]
    assert [PurgeRecorder.methods.pop(path) for path in purged] == [{"PURGE"}] * len(purged)
    for path in [path for path in PurgeRecorder.methods if path.endswith(("/rss/", "/atom/", "/json/"))]:
        assert PurgeRecorder.methods.pop(path) == {"PURGE"}
    assert PurgeRecorder.methods and all(m == {"REFRESH"} for m in PurgeRecorder.methods.values())
    # Every request was answered: send_purges counts 404 (not cached there) as done.
    assert purge.send_purges(site.hostname, ["/", "/sitemap.xml"], bases=[nginx_stand_in]) == 2


def test_an_unreachable_nginx_is_logged_not_raised(caplog):
    assert purge.send_purges("example.org", ["/"], bases=["http://127.0.0.1:9"]) == 0
    assert "Could not purge" in caplog.text


def test_key_ignores_nothing_that_changes_the_page():
    base = {"REQUEST_METHOD": "GET", "PATH_INFO": "/tin-tuc/", "QUERY_STRING": "", "HTTP_HOST": "a.gov.vn"}
    keys = {
        pagecache.cache_key(base),
        pagecache.cache_key(dict(base, QUERY_STRING="trang=2")),
        pagecache.cache_key(dict(base, HTTP_HOST="b.gov.vn")),
        pagecache.cache_key(dict(base, PATH_INFO="/x/")),
    }
    assert len(keys) == 4
    assert pagecache.cache_key(dict(base, HTTP_HOST="A.GOV.VN")) == pagecache.cache_key(base)


@override_settings(PAGE_CACHE_SECONDS=300)
@pytest.mark.parametrize(
    "meta,expected",
    [
        ({"REQUEST_METHOD": "GET", "PATH_INFO": "/"}, True),
        ({"REQUEST_METHOD": "POST", "PATH_INFO": "/"}, False),
        ({"REQUEST_METHOD": "HEAD", "PATH_INFO": "/"}, True),  # GET without the body
        ({"REQUEST_METHOD": "GET", "PATH_INFO": "/quan-tri/"}, False),
        ({"REQUEST_METHOD": "GET", "PATH_INFO": "/api/stats/"}, False),
        ({"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_AUTHORIZATION": "Basic x"}, False),
        ({"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_COOKIE": "csrftoken=a; vnportal_polls=b"}, True),
        ({"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_COOKIE": "csrftoken=a; sessionid=b"}, False),
    ],
)
def test_who_may_share_a_page(meta, expected):
    pagecache.reset()
    assert pagecache.shareable_request(meta) is expected


def test_a_page_kept_longer_than_its_beacon_token_is_refused(settings):
    from vnportal.core.checks import page_cache_outlives_beacon

    settings.PAGE_CACHE_SECONDS, settings.STATS_BEACON_MAX_AGE = 300, 21600
    assert page_cache_outlives_beacon(None) == []
    settings.PAGE_CACHE_SECONDS = 21600
    assert [error.id for error in page_cache_outlives_beacon(None)] == ["vnportal.E001"]
