"""A page rendered before a purge is never stored as current after it (vnportal/core/pagecache.py).

The reader's request reads the cache generation before it renders; a purge (an unpublish,
after commit) draws a new one while the render is still running; the rendered page holds
the database as it was and must be neither served from the app's cache afterwards nor kept
by nginx (``X-Accel-Expires: 0``).
"""

import threading

import pytest
from django.test import Client

from vnportal.core import pagecache
from vnportal.news.models import ArticlePage

pytestmark = pytest.mark.django_db(transaction=True)

HIT = pagecache.HIT_HEADER


def test_a_render_overtaken_by_an_unpublish_is_not_stored(page_cache, make_article, monkeypatch):
    article = make_article("Bài sẽ gỡ giữa lúc đang dựng trang")
    url = article.url
    rendering, purged = threading.Event(), threading.Event()
    original = ArticlePage.get_context

    def slow_context(self, request, *args, **kwargs):
        # The page row was read (live) before the unpublish; the template comes after it.
        if threading.current_thread().name == "reader":
            rendering.set()
            assert purged.wait(10)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "get_context", slow_context)
    answer = {}
    reader = threading.Thread(target=lambda: answer.update(r=Client().get(url)), name="reader")
    reader.start()
    assert rendering.wait(10)
    ArticlePage.objects.get(pk=article.pk).unpublish()  # commits, then purges (new generation)
    purged.set()
    reader.join(10)
    old = answer["r"]
    assert old.status_code == 200 and "Bài sẽ gỡ giữa lúc" in old.content.decode()
    assert old["X-Accel-Expires"] == "0"  # nginx must not keep it either
    for _ in range(3):
        after = Client().get(url)
        assert after.status_code == 404 and HIT not in after


def test_concurrent_renders_never_outlive_an_unpublish(page_cache, make_article, section):
    """The review's race, without a hook: rounds of readers on the section page and the
    article while the article is unpublished; afterwards nobody sees it."""
    for round_number in range(4):
        title = f"Bài chạy đua số {round_number}"
        article = make_article(title)
        urls = [article.url, section.url]
        stop = threading.Event()
        errors = []

        def read(stop=stop, urls=urls, errors=errors):
            client = Client()
            while not stop.is_set():
                for url in urls:
                    status = client.get(url).status_code
                    if status not in (200, 404):
                        errors.append((url, status))

        readers = [threading.Thread(target=read) for _ in range(6)]
        for thread in readers:
            thread.start()
        ArticlePage.objects.get(pk=article.pk).unpublish()
        stop.set()
        for thread in readers:
            thread.join(30)
        assert errors == []
        for _ in range(2):
            gone = Client().get(article.url)
            assert gone.status_code == 404, round_number
            listing = Client().get(section.url)
            assert listing.status_code == 200 and title not in listing.content.decode(), round_number
