"""A page that misses every cache costs a small, fixed number of queries (issue 7, point 4).

Counted on a warm request (the first one fills the structure cache and makes any
missing rendition), with the sidebar as the demo has it: a current poll, the
statistics and the sections. The counts must not grow with what the page shows.
Wagtail's rendition cache is switched off, so renditions must come in one query
however many images a page shows, as they do when that cache has been emptied.
"""

import datetime
import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model

from vnportal.news.demo.images import landscape_png
from vnportal.news.models import ArticlePage, RelatedArticle

ARTICLE_LIMIT = 12
LISTING_LIMIT = 10
BASE = timezone.make_aware(datetime.datetime(2024, 5, 1, 8, 0))


# The sidebar's statistics caches last the whole test (conftest.stats_caches_held).
pytestmark = pytest.mark.usefixtures("stats_caches_held")


@pytest.fixture(autouse=True)
def no_rendition_cache(settings):
    settings.CACHES = {**settings.CACHES, "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def make_image(db):
    counter = {"n": 0}

    def make():
        counter["n"] += 1
        data = landscape_png(counter["n"], (30, 90, 60), size=(320, 200))
        return get_image_model().objects.create(
            title=f"Ảnh {counter['n']}", file=ImageFile(io.BytesIO(data), name=f"anh-{counter['n']}.png")
        )

    return make


@pytest.fixture
def current_poll(db):
    from vnportal.polls.models import Choice, Poll

    now = timezone.now()
    poll = Poll.objects.create(
        question="Bạn thấy cổng thông tin thế nào?",
        published=True,
        is_current=True,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    for order, text in enumerate(("Tốt", "Bình thường")):
        Choice.objects.create(poll=poll, text=text, sort_order=order)
    return poll


@pytest.fixture
def make_story(make_article, make_image):
    """An article with a hero image, ``images`` body images and ``tags``."""
    counter = {"n": 0}

    def make(section, tags=("kinh tế",), images=1, **fields):
        counter["n"] += 1
        body = [("paragraph", f"<p>Đoạn mở đầu {counter['n']}.</p>")]
        for index in range(images):
            body.append(("image", {"image": make_image(), "caption": f"Chú thích {index}", "credit": "TTXVN"}))
            body.append(("paragraph", f"<p>Đoạn {index}.</p>"))
        return make_article(
            f"Bài viết số {counter['n']}",
            parent=section,
            hero_image=make_image(),
            body=body,
            tags=list(tags),
            display_date=BASE + datetime.timedelta(hours=counter["n"]),
            **fields,
        )

    return make


def warm_count(client, url):
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_article_query_count_is_small_and_does_not_grow(client, make_section, make_story, current_poll):
    economy = make_section("Kinh tế")
    make_story(economy)  # a neighbour: the small article has one related card
    small_article = make_story(economy, tags=("kinh tế",), images=1)
    small, html = warm_count(client, small_article.url)
    assert html.count('class="body-image"') == 1
    assert html.count('rel="tag"') == 1
    assert html.count('class="card-title"') == 1
    assert current_poll.question in html

    # Everything a page could show more of: menu sections (with sub-sections), tags,
    # body images, related articles chosen by hand, from the section and by tag.
    for index in range(4):
        section = make_section(f"Chuyên mục {index}")
        make_section(f"Chuyên mục con {index}", parent=section)
    culture = make_section("Văn hóa")
    tags = [f"thẻ {index}" for index in range(8)]
    large_article = make_story(economy, tags=tags, images=6)
    for _ in range(3):
        make_story(economy)
    by_tag = [make_story(culture, tags=tags[:2]) for _ in range(3)]
    subject = ArticlePage.objects.get(pk=large_article.pk)
    for order, other in enumerate(by_tag[:2]):
        RelatedArticle.objects.create(page=subject, article=other, sort_order=order)
    subject.save_revision().publish()

    large, html = warm_count(client, large_article.url)
    assert html.count('class="body-image"') == 6
    assert html.count('rel="tag"') == 8
    assert html.count('class="card-title"') == ArticlePage.related_count
    assert "Chuyên mục 3" in html and "Văn hóa" in html  # in the menu
    assert large == small, f"{small} queries for the small article, {large} for the large one"
    assert large <= ARTICLE_LIMIT
    # The small article costs the same with the larger menu.
    assert warm_count(client, small_article.url)[0] == small


@pytest.mark.django_db
def test_article_print_view_is_small_too(client, make_section, make_story, current_poll):
    article = make_story(make_section("Kinh tế"), images=3)
    count, html = warm_count(client, article.url + "in/")
    assert html.count('class="body-image"') == 3
    assert count <= ARTICLE_LIMIT


@pytest.mark.django_db
def test_home_section_and_tag_pages_are_small(client, make_section, make_story, current_poll):
    economy = make_section("Kinh tế")
    sub = make_section("Nông nghiệp", parent=economy)
    culture = make_section("Văn hóa")
    for section in (economy, sub, culture, economy):
        make_story(section, tags=("chuyển đổi số",), featured=section is culture)
    counts = {url: warm_count(client, url)[0] for url in ("/", economy.url, "/the/chuyen-doi-so/")}
    assert all(count <= LISTING_LIMIT for count in counts.values()), counts
