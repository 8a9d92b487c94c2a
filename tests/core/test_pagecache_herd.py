"""What the herd fix changed (docs/performance.md, "No cold herd"), and what it must not.

* gunicorn's ``max_requests`` counts rendered requests only: pages answered from the page cache
  are taken off the count (deploy/gunicorn.conf.py ``post_request``), so a busy portal's cached
  hits no longer replace every worker every few seconds.
* A publish PURGEs the costly, seldom-read paths (sitemap, PDF) from nginx instead of rendering
  them anew; an unpublish still PURGEs everything, refreshes nothing.
* A stale copy is never served past its hard limit (PAGE_CACHE_SECONDS + PAGE_CACHE_STALE_SECONDS),
  whatever the cache still holds, and never after an unpublish, even while another request holds
  the render lock.
"""

import logging
import runpy
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client

from tests.core.test_pagecache import PurgeRecorder, nginx_stand_in  # noqa: F401 (a fixture)
from vnportal.core import pagecache, purge
from vnportal.news.models import ArticlePage

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
HIT = pagecache.HIT_HEADER


def meta_for(url):
    return {"REQUEST_METHOD": "GET", "PATH_INFO": url, "QUERY_STRING": "", "SERVER_NAME": "testserver"}


def fast_path_environ(url):
    """What the WSGI fast path leaves in the environ of a request for ``url``."""
    environ = meta_for(url)
    app = pagecache.wsgi_fast_path(lambda environ, start_response: [b"rendered"])
    b"".join(app(environ, lambda status, headers: None))
    return environ


def test_cached_hits_do_not_count_towards_max_requests(page_cache, make_article, publish):
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    post_request = conf["post_request"]
    article = make_article("Bài được đọc hàng nghìn lần mỗi giây")
    Client().get(article.url)  # stored

    hit = fast_path_environ(article.url)
    assert hit[pagecache.SERVED] == pagecache.HIT
    worker = SimpleNamespace(nr=10)  # gunicorn added 1 for the request before it ran
    post_request(worker, None, hit, None)
    assert worker.nr == 9

    publish(lambda: make_article("Bài mới làm cũ mọi trang"))
    renderer = meta_for(article.url)
    assert pagecache.lookup(renderer) is None and pagecache.LOCK in renderer  # someone renders
    stale = fast_path_environ(article.url)
    assert stale[pagecache.SERVED] == pagecache.STALE
    post_request(worker, None, stale, None)
    assert worker.nr == 8
    pagecache.release(renderer)

    # A page that had to be rendered counts, as before.
    missed = fast_path_environ("/khong-co-trang-nay/")
    assert pagecache.SERVED not in missed
    post_request(worker, None, missed, None)
    assert worker.nr == 8
    assert conf["max_requests"] >= 1000 and conf["max_requests_jitter"] >= conf["max_requests"] // 4


def test_a_stale_copy_is_never_served_past_its_hard_limit(page_cache, settings, make_article, publish):
    article = make_article("Bài cũ quá hạn trong bộ đệm")
    Client().get(article.url)
    publish(lambda: make_article("Bài mới đăng"))  # soft: the copy may be shown stale …
    cache = pagecache._store()[0]
    key = pagecache.cache_key(meta_for(article.url))
    entry = cache.get(key)
    limit = settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS
    renderer = meta_for(article.url)
    assert pagecache.lookup(renderer) is None and pagecache.LOCK in renderer  # … while one renders
    assert pagecache.lookup(meta_for(article.url))[-1] == pagecache.STALE
    # The same copy, rendered longer ago than the hard limit, still in the cache (an expiry not
    # applied yet): nobody gets it, even though another request holds the render lock.
    cache.set(key, (*entry[:-1], time.time() - limit - 1), timeout=3600)
    assert pagecache.lookup(meta_for(article.url)) is None
    response = Client().get(article.url)
    assert response.status_code == 200 and response[HIT] != pagecache.STALE
    pagecache.release(renderer)


def test_an_unpublish_under_readers_never_serves_the_page_again(page_cache, make_article, section, publish):
    """Readers keep reading the page and its section while other articles are published (soft)
    and then the page is unpublished (hard): from the moment the unpublish is committed no
    reader gets it, stale or not, although the render lock and stale copies are in play."""
    title = "Bài đọc nhiều rồi bị gỡ giữa lúc đăng bài khác"
    article = make_article(title)
    urls = [article.url, section.url]
    for url in urls:
        Client().get(url)
    unpublished = threading.Event()
    leaks, errors, stop = [], [], threading.Event()

    def read():
        client = Client()
        while not stop.is_set():
            for url in urls:
                after = unpublished.is_set()  # read before the request is sent
                response = client.get(url)
                if response.status_code not in (200, 404):
                    errors.append((url, response.status_code))
                elif after and response.status_code == 200 and title in response.content.decode():
                    leaks.append((url, response.get(HIT)))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    try:
        for number in range(2):
            publish(lambda number=number: make_article(f"Bài mới số {number} giữa lúc đông người đọc"))
            time.sleep(0.2)
        publish(lambda: ArticlePage.objects.get(pk=article.pk).unpublish())
        unpublished.set()
        time.sleep(0.5)
    finally:
        stop.set()
        for thread in readers:
            thread.join(30)
    assert errors == [] and leaks == []
    assert Client().get(article.url).status_code == 404


def _sent(nginx, settings, action, publish):
    settings.PAGE_CACHE_PURGE_URLS = [nginx]
    threads = []
    original = purge._in_background

    def remember(function, *args):
        threads.append(original(function, *args))

    purge._in_background = remember
    try:
        publish(action)
    finally:
        purge._in_background = original
    for thread in threads:
        thread.join(10)
    return dict(PurgeRecorder.methods)


def test_a_publish_purges_the_pdf_and_sitemap_and_an_unpublish_purges_everything(
    page_cache,
    publish,
    make_article,
    section,
    nginx_stand_in,  # noqa: F811 (the fixture imported above)
    settings,
    monkeypatch,
):
    monkeypatch.setattr(purge, "PURGE_REPEAT_AFTER", 0)  # one round: what each step sent, only
    article = make_article("Bài có bản PDF")
    pdf = article.url + "luu-bai/"
    sent = _sent(nginx_stand_in, settings, lambda: article.save_revision().publish(), publish)
    assert sent[pdf] == {"PURGE"} and sent["/sitemap.xml"] == {"PURGE"}
    assert sent[article.url] == sent[section.url] == {"REFRESH"}

    PurgeRecorder.methods = {}
    sent = _sent(nginx_stand_in, settings, lambda: ArticlePage.objects.get(pk=article.pk).unpublish(), publish)
    # Withdrawn: nginx deletes every copy; a refresh would serve the old one until replaced.
    assert {article.url, section.url, pdf, "/sitemap.xml"} <= set(sent)
    assert all(methods == {"PURGE"} for methods in sent.values()), sent


def test_each_render_for_the_cache_is_logged_as_the_herd_bench_counts_it(page_cache, make_article, publish, caplog):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from herd_bench import RENDER_LINE
    finally:
        sys.path.remove(str(ROOT / "bench"))
    caplog.set_level(logging.DEBUG, logger="vnportal.pagecache")
    article = make_article("Bài được đếm số lần dựng")
    client = Client()
    client.get(article.url)
    client.get(article.url)  # a hit: not a render
    publish(lambda: make_article("Bài mới làm cũ mọi trang"))
    client.get(article.url)  # takes the lock over the stale copy
    renders = [match.groups() for match in RENDER_LINE.finditer(caplog.text)]
    assert [(reason, path) for reason, path, _wall, _cpu in renders] == [("miss", article.url), ("lock", article.url)]
