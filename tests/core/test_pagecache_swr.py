"""No cold herd: after a publish one request renders a page anew while the other readers get
the previous copy (vnportal/core/pagecache.py, stale-while-revalidate with a lock), never
after a hard purge (an unpublish, a page made private, a move, a deletion).

These run against the cache the settings give: local memory + generation files on SQLite,
Redis + shared generations with REDIS_URL set.
"""

import threading
import time

import pytest
from django.test import Client

from tests.support.net import free_port
from vnportal.core import generations, pagecache
from vnportal.news.models import ArticlePage

pytestmark = pytest.mark.django_db(transaction=True)

HIT = pagecache.HIT_HEADER


def meta_for(url):
    return {"REQUEST_METHOD": "GET", "PATH_INFO": url, "QUERY_STRING": "", "SERVER_NAME": "testserver"}


def hold_render_lock(url):
    """What a request that took the render lock and is still rendering (or died) leaves:
    the lock, held for PAGE_CACHE_STALE_SECONDS."""
    meta = meta_for(url)
    assert pagecache.lookup(meta) is None and pagecache.LOCK in meta, "no stale copy to render over"
    return meta


@pytest.fixture
def slow_render(monkeypatch):
    """Renders of an article in a thread named "renderer" stop half-way until released."""
    rendering, release = threading.Event(), threading.Event()
    original = ArticlePage.get_context

    def slow_context(self, request, *args, **kwargs):
        if threading.current_thread().name == "renderer":
            rendering.set()
            assert release.wait(20)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "get_context", slow_context)
    return rendering, release


def test_after_a_publish_one_request_renders_and_the_others_get_the_previous_copy(
    page_cache, publish, make_article, slow_render
):
    rendering, release = slow_render
    article = make_article("Bài đang được nhiều người đọc")
    client = Client()
    first = client.get(article.url)
    assert first[HIT] == "MISS"
    publish(lambda: make_article("Một bài khác vừa đăng"))  # soft: nothing withdrawn

    answer = {}
    renderer = threading.Thread(target=lambda: answer.update(r=Client().get(article.url)), name="renderer")
    renderer.start()
    try:
        assert rendering.wait(20)
        # Every other reader meanwhile: the previous copy, at once, marked, and not for nginx.
        for _ in range(3):
            stale = client.get(article.url)
            assert stale.status_code == 200 and stale[HIT] == "STALE"
            assert stale.content == first.content
            assert stale["X-Accel-Expires"] == "0"
        # The WSGI fast path serves it too, without entering Django.
        calls = []
        app = pagecache.wsgi_fast_path(lambda environ, start: calls.append(1) or [b""])
        seen = {}
        body = b"".join(app(meta_for(article.url), lambda status, headers: seen.update(headers=dict(headers))))
        assert calls == [] and seen["headers"][HIT] == "STALE" and body == first.content
        assert seen["headers"]["X-Accel-Expires"] == "0"
    finally:
        release.set()
        renderer.join(20)
    assert answer["r"][HIT] == "MISS"  # the one render, stored
    assert client.get(article.url)[HIT] == "HIT"


def test_without_stale_seconds_every_reader_renders(page_cache, settings, publish, make_article, slow_render):
    settings.PAGE_CACHE_STALE_SECONDS = 0
    rendering, release = slow_render
    article = make_article("Bài khi tắt chế độ bản cũ")
    Client().get(article.url)
    publish(lambda: make_article("Bài mới đăng"))
    renderer = threading.Thread(target=lambda: Client().get(article.url), name="renderer")
    renderer.start()
    try:
        assert rendering.wait(20)
        assert Client().get(article.url)[HIT] == "MISS"
    finally:
        release.set()
        renderer.join(20)


def test_the_lock_expires_when_the_renderer_dies(page_cache, settings, publish, make_article):
    settings.PAGE_CACHE_STALE_SECONDS = 1
    article = make_article("Bài có người dựng lại rồi chết giữa chừng")
    client = Client()
    client.get(article.url)
    publish(lambda: make_article("Bài mới làm cũ mọi trang"))
    hold_render_lock(article.url)  # and never released: the worker was killed
    assert client.get(article.url)[HIT] == "STALE"
    time.sleep(1.3)
    assert client.get(article.url)[HIT] == "MISS"  # the lock expired: this reader rendered
    assert client.get(article.url)[HIT] == "HIT"


def test_a_page_past_its_seconds_is_renewed_by_one_request(page_cache, make_article, monkeypatch):
    article = make_article("Bài đã hết hạn trong bộ đệm")
    client = Client()
    client.get(article.url)
    later = time.time() + 301
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    hold_render_lock(article.url)
    response = client.get(article.url)
    assert response[HIT] == "STALE" and int(response["Age"]) >= 300


def test_an_unpublish_leaves_no_stale_copy_of_the_page_or_of_lists_showing_it(
    page_cache, publish, make_article, section, home
):
    withdrawn = make_article("Bài sẽ bị gỡ khẩn cấp")
    client = Client()
    for url in (withdrawn.url, section.url, home.url):
        client.get(url)
        assert client.get(url)[HIT] == "HIT"
    # A publish first (soft), then the unpublish (hard) within the stale window.
    publish(lambda: make_article("Bài mới đăng trước khi gỡ"))
    publish(lambda: ArticlePage.objects.get(pk=withdrawn.pk).unpublish())
    for url in (section.url, home.url):
        meta = meta_for(url)
        assert pagecache.lookup(meta) is None  # no copy may be shown: this request renders
        pagecache.release(meta)
    # Even while another request renders them, no reader gets the copy from before.
    holders = [hold_render_lock_or_none(url) for url in (withdrawn.url, section.url, home.url)]
    assert holders == [None, None, None]
    gone = client.get(withdrawn.url)
    assert gone.status_code == 404 and HIT not in gone
    for url in (section.url, home.url):
        listing = client.get(url)
        assert listing[HIT] == "MISS" and "Bài sẽ bị gỡ khẩn cấp" not in listing.content.decode(), url


def hold_render_lock_or_none(url):
    meta = meta_for(url)
    found = pagecache.lookup(meta)
    assert found is None  # neither fresh nor stale
    return meta.get(pagecache.LOCK)


def test_a_page_made_private_or_moved_is_never_served_stale(page_cache, publish, make_article, make_section, section):
    from wagtail.models import PageViewRestriction

    private = make_article("Bài sắp thành riêng tư")
    moved = make_article("Bài sắp chuyển chuyên mục")
    other = make_section("Chuyên mục đích")
    client = Client()
    old_moved_url = moved.url
    for url in (private.url, old_moved_url, section.url):
        client.get(url)
    publish(lambda: PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN))
    for url in (private.url, section.url):
        assert hold_render_lock_or_none(url) is None
    response = client.get(private.url)
    assert response.status_code == 302 and HIT not in response
    client.get(section.url)
    publish(lambda: ArticlePage.objects.get(pk=moved.pk).move(other, pos="last-child"))
    assert hold_render_lock_or_none(old_moved_url) is None
    response = client.get(old_moved_url)
    assert response.status_code in (301, 404) and HIT not in response  # to the new address


def test_a_render_that_finds_the_page_gone_drops_the_previous_copy(page_cache, publish, make_article):
    article = make_article("Bài sẽ đổi địa chỉ khi đăng lại")
    client = Client()
    old_url = article.url
    client.get(old_url)
    # A publish is soft; the page is not at its old address any more (a slug changed, say).
    publish(lambda: make_article("Bài mới làm cũ mọi trang"))
    ArticlePage.objects.filter(pk=article.pk).update(live=False)  # behind the signals' back
    assert client.get(old_url).status_code == 404  # the lock holder: renders, finds nothing
    assert hold_render_lock_or_none(old_url) is None  # and the previous copy is gone


def test_concurrent_readers_after_a_publish_render_once(page_cache, publish, make_article, monkeypatch):
    article = make_article("Bài được năm mươi người đọc cùng lúc")
    Client().get(article.url)
    publish(lambda: make_article("Bài mới đăng giữa lúc đông người đọc"))
    renders = []
    original = ArticlePage.get_context

    def counted(self, request, *args, **kwargs):
        renders.append(1)
        time.sleep(0.3)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "get_context", counted)
    states = []
    start = threading.Barrier(8)

    def read():
        start.wait(10)
        states.append(Client().get(article.url)[HIT])

    readers = [threading.Thread(target=read) for _ in range(8)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(30)
    # One render; the others got the previous copy (or, came they after it, the new one).
    assert len(renders) == 1 and states.count("MISS") == 1, states
    assert states.count("STALE") + states.count("HIT") == 7 and "STALE" in states, states


def test_redis_down_mid_traffic_renders_and_never_fails(page_cache, publish, make_article, monkeypatch):
    """The production cache (django-redis, IGNORE_EXCEPTIONS) pointed at a Redis that is gone,
    between a publish and the reads that follow: every reader gets the page, rendered."""
    from django_redis.cache import RedisCache

    article = make_article("Bài khi Redis ngừng giữa chừng")
    client = Client()
    client.get(article.url)
    publish(lambda: make_article("Bài mới trước khi Redis ngừng"))
    dead = RedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {
            "KEY_PREFIX": "vnportal-test-dead",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        },
    )
    monkeypatch.setattr(pagecache, "_state", (dead, generations.SharedGeneration(dead, "generation:page-cache")))
    errors, states = [], []

    def read():
        response = Client().get(article.url)
        if response.status_code != 200 or b"Redis" not in response.content:
            errors.append(response.status_code)
        states.append(response.get(HIT))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(30)
    assert errors == [] and len(states) == 4
    assert "HIT" not in states and "STALE" not in states  # nothing could be read: all rendered


@pytest.mark.parametrize("kind", ["file", "shared"])
def test_a_hard_bump_changes_both_tokens_a_soft_one_only_the_first(kind, tmp_path):
    from django.core.cache import caches

    if kind == "file":
        generation = generations.FileGeneration(tmp_path / "g")
    else:
        generation = generations.SharedGeneration(caches["pages"], f"generation:test-{time.time_ns()}")
    token, hard = generation.current(), generation.hard()
    generation.bump(hard=False)
    assert generation.current() != token and generation.hard() == hard
    token = generation.current()
    generation.bump()  # hard unless said otherwise
    assert generation.current() != token and generation.hard() != hard


def test_an_entry_stored_by_the_previous_version_is_a_miss(page_cache, make_article):
    """After an upgrade Redis still holds entries without a hard token: rendered, not a 500."""
    article = make_article("Bài lưu từ phiên bản trước")
    client = Client()
    client.get(article.url)
    cache, generation = pagecache._store()
    key = pagecache.cache_key(meta_for(article.url))
    entry = cache.get(key)
    cache.set(key, (entry[0], *entry[2:]), timeout=300)  # the five fields of the old format
    response = client.get(article.url)
    assert response.status_code == 200 and response[HIT] == "MISS"
