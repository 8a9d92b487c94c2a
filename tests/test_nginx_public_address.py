"""The real deploy/nginx/vnportal.conf in front of the real app, serving a non-local public
address (portal.sonha.gov.vn, requests sent to 127.0.0.1 with that Host): a page made private
and a page unpublished stop being served from nginx's microcache as soon as the purge is done.

The app runs in this process (the WSGI application with its fast path, on the test database)
behind an unprivileged nginx (tools/nginx_local.py). Skips without nginx and Debian's
cache-purge module.
"""

import http.client
import logging
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

from tests.test_production import free_port, nginx_local
from vnportal.core import pagecache, public, purge

pytestmark = pytest.mark.django_db(transaction=True)

HOST = "portal.sonha.gov.vn"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def portal_behind_nginx(tmp_path, settings, page_cache, site):
    missing = nginx_local.missing_requirements()
    if missing:
        pytest.skip(missing)
    settings.PUBLIC_URL, settings.PUBLIC_SCHEME, settings.PUBLIC_HOST, settings.PUBLIC_PORT = (
        f"https://{HOST}",
        "https",
        HOST,
        443,
    )
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    public.sync_default_site()

    app_port = free_port()
    app = ThreadedWSGIServer(("127.0.0.1", app_port), QuietHandler, allow_reuse_address=True)
    app.set_app(pagecache.wsgi_fast_path(get_wsgi_application()))
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port = free_port(exclude={app_port})
    site_text = nginx_local.SITE_CONF.read_text()
    assert "server_name portal.example.gov.vn;" in site_text
    static, media = tmp_path / "static", tmp_path / "media"
    static.mkdir()
    media.mkdir()
    conf = nginx_local.local_nginx_conf(
        tmp_path / "nginx",
        listen_port=port,
        upstreams=[f"127.0.0.1:{app_port}"],
        static_root=static,
        media_root=media,
        site_text=site_text.replace("server_name portal.example.gov.vn;", f"server_name {HOST};"),
    )
    server = nginx_local.NginxProcess(tmp_path / "nginx", conf, ports=[port])
    settings.PAGE_CACHE_PURGE_URLS = [f"http://127.0.0.1:{port}"]
    threads = []
    original = purge._in_background
    purge._in_background = lambda function, *args: threads.append(original(function, *args))
    try:
        server.start()
        yield port, threads
    finally:
        purge._in_background = original
        server.stop()
        app.shutdown()
        app.server_close()


def get(port, path, host=HOST):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": host, "Accept": "text/html"})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, response.headers.get("X-Cache-Status"), body


def cached(port, path):
    get(port, path)
    status, cache_status, body = get(port, path)
    assert (status, cache_status) == (200, "HIT"), path
    return body


def test_a_page_made_private_and_a_page_unpublished_leave_nginx_at_once(
    portal_behind_nginx, make_article, section, caplog
):
    from wagtail.models import PageViewRestriction

    port, threads = portal_behind_nginx
    private = make_article("Bài sắp thành riêng tư")
    gone = make_article("Bài sắp bị gỡ xuống")
    for thread in threads:  # the publishes' refreshes, both rounds, are over
        thread.join(60)
    threads.clear()
    for path in (private.url, gone.url, section.url):
        cached(port, path)
    assert "Bài sắp bị gỡ xuống" in cached(port, section.url)

    caplog.set_level(logging.INFO, logger="vnportal.cache")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    gone.unpublish()
    for thread in threads:
        thread.join(10)
    assert threads, "no purge was sent"

    status, cache_status, _ = get(port, private.url)
    assert status == 302 and cache_status != "HIT"  # to the login page, from the app
    status, cache_status, _ = get(port, gone.url)
    assert status == 404 and cache_status != "HIT"
    status, cache_status, listing = get(port, section.url)
    assert status == 200 and cache_status != "HIT" and "Bài sắp bị gỡ xuống" not in listing
    assert "held no copy" not in caplog.text  # every page nginx held was found under its key


def test_a_purge_under_the_wrong_host_is_logged_not_counted_as_done(portal_behind_nginx, make_article, caplog):
    """What the review found: purges sent as Host: localhost answered 404 and nothing was purged."""
    port, threads = portal_behind_nginx
    article = make_article("Bài đã vào bộ đệm nginx")
    for thread in threads:  # both rounds of the publish's refreshes
        thread.join(60)
    cached(port, article.url)
    expected = pagecache.stored_paths(HOST, [article.url])
    assert expected == {article.url}
    purge.send_purges("localhost", [article.url], expected=expected)
    assert "held no copy of " + article.url in caplog.text
    assert get(port, article.url)[1] == "HIT"  # indeed still there
    caplog.clear()
    purge.send_purges(purge.purge_host(None), [article.url], expected=expected)
    assert "held no copy" not in caplog.text
    assert get(port, article.url)[1] != "HIT"


def test_a_publish_refreshes_nginx_without_emptying_it(portal_behind_nginx, make_article, section):
    """No cold herd in nginx: a publish REFRESHes the lists (nginx keeps serving its copy until
    the new one replaces it) rather than PURGE them (deleted: every reader waits)."""
    port, threads = portal_behind_nginx
    make_article("Bài cũ trong chuyên mục")
    for thread in threads:  # both rounds of refreshes
        thread.join(60)
    threads.clear()
    cached(port, section.url)
    make_article("Bài mới đăng được làm mới trong nginx")
    for thread in threads:
        thread.join(60)
    assert threads, "nothing was sent to nginx"
    status, cache_status, listing = get(port, section.url)
    assert (status, cache_status) == (200, "HIT") and "Bài mới đăng được làm mới trong nginx" in listing
