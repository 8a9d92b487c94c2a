"""Pages rendered without the page cache, with the fragment caches on (issue 14).

The fragment caches (vnportal/core/fragments.py) keep what many pages share — listing
counts, article bodies — under the page cache's purge generation. What a reader sees
must still change at once: a published article shows, an unpublished one disappears, an
edit shows, on every page; a draft or a private article never appears; a signed-in
editor's or a preview's render is never kept or served. The purges run after commit, as
in production (the ``publish`` fixture).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from vnportal.core import fragments, pagecache
from vnportal.news.models import ArticlePage

BASE = timezone.make_aware(datetime.datetime(2024, 5, 1, 8, 0))

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(make_section, make_article):
    """A section with 14 dated articles (two pages of 12) carrying one tag."""
    economy = make_section("Kinh tế")
    made = [
        make_article(
            f"Bài cũ số {n}", parent=economy, tags=["kinh tế"], display_date=BASE + datetime.timedelta(hours=n)
        )
        for n in range(14)
    ]
    return economy, made


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listing_urls(section):
    return ["/", section.url, "/the/kinh-te/"]


def test_a_published_article_shows_at_once_and_an_unpublished_one_goes(
    fragment_cache, client, stories, make_article, publish
):
    economy, old = stories
    for url in [*listing_urls(economy), economy.url + "?trang=2", old[0].url]:
        html(client, url)  # every fragment filled
    assert "Bài cũ số 1<" in html(client, economy.url + "?trang=2")

    fresh = make_article(
        "Tin nóng vừa đăng", parent=economy, tags=["kinh tế"], publish=False, display_date=BASE.replace(year=2025)
    )
    for url in listing_urls(economy):
        assert "Tin nóng vừa đăng" not in html(client, url), url  # a draft: nowhere

    publish(fresh)
    for url in listing_urls(economy):
        assert "Tin nóng vừa đăng" in html(client, url), url
    # The counted listing moved on too: page 2 now starts one article later.
    page_two = html(client, economy.url + "?trang=2")
    assert "Bài cũ số 2<" in page_two and "Bài cũ số 0<" in page_two
    assert "Bài cũ số 2<" not in html(client, economy.url)

    publish(lambda: ArticlePage.objects.get(pk=fresh.pk).unpublish())
    for url in listing_urls(economy):
        assert "Tin nóng vừa đăng" not in html(client, url), url
    assert client.get(fresh.url).status_code == 404


def test_an_edit_shows_at_once_in_the_article_and_the_listings(fragment_cache, client, stories, publish):
    economy, old = stories
    story = ArticlePage.objects.get(pk=old[-1].pk)
    story.body = [("paragraph", "<p>Đoạn văn ban đầu.</p>")]
    publish(story)
    assert "Đoạn văn ban đầu." in html(client, story.url)
    for url in listing_urls(economy):
        html(client, url)

    story = ArticlePage.objects.get(pk=story.pk)
    story.title = "Tiêu đề đã sửa"
    story.body = [("paragraph", "<p>Đoạn văn đã sửa.</p>")]
    publish(story)
    page = html(client, story.url)
    assert "Đoạn văn đã sửa." in page and "Đoạn văn ban đầu." not in page
    for url in listing_urls(economy):
        assert "Tiêu đề đã sửa" in html(client, url), url

    # A new draft of it is not what readers get.
    story = ArticlePage.objects.get(pk=story.pk)
    story.body = [("paragraph", "<p>Bản nháp chưa duyệt.</p>")]
    story.save_revision()
    assert "Bản nháp chưa duyệt." not in html(client, story.url)


def test_a_private_section_never_shows_in_the_listings(
    fragment_cache, client, stories, make_section, make_article, publish
):
    economy, _old = stories
    inner = make_section("Nội bộ")
    secret = make_article("Bài nội bộ", parent=inner, tags=["kinh tế"], display_date=BASE.replace(year=2025))
    for url in ["/", "/the/kinh-te/"]:
        assert "Bài nội bộ" in html(client, url)  # public so far, and now in the fragments
    publish(lambda: PageViewRestriction.objects.create(page=inner, restriction_type="password", password="x"))
    for url in ["/", "/the/kinh-te/"]:
        assert "Bài nội bộ" not in html(client, url), url
    assert "Bài nội bộ" not in client.get(secret.url).content.decode()


def test_signed_in_and_preview_requests_use_no_fragment(fragment_cache, rf, client, admin_user):
    from django.contrib.auth.models import AnonymousUser

    anonymous = rf.get("/")
    anonymous.user = AnonymousUser()
    fragments.remember_generation(anonymous)
    assert fragments.generation_for(anonymous) is not None

    signed_in = rf.get("/", HTTP_COOKIE="sessionid=abc")
    fragments.remember_generation(signed_in)
    assert fragments.generation_for(signed_in) is None

    preview = rf.get("/")
    fragments.remember_generation(preview)
    preview.is_preview = True
    assert fragments.generation_for(preview) is None
    built = []
    assert fragments.cached(preview, "x", lambda: built.append(1) or "fresh") == "fresh"
    assert fragments.cached(preview, "x", lambda: built.append(1) or "fresh") == "fresh"
    assert built == [1, 1]


def test_an_editor_sees_the_draft_preview_not_a_kept_body(fragment_cache, client, admin_user, stories, publish):
    _economy, old = stories
    story = ArticlePage.objects.get(pk=old[0].pk)
    html(client, story.url)  # the live body kept for readers
    story.body = [("paragraph", "<p>Nội dung xem trước.</p>")]
    story.save_revision()
    client.force_login(admin_user)
    preview = client.get(f"/quan-tri/pages/{story.pk}/view_draft/")
    assert preview.status_code == 200 and "Nội dung xem trước." in preview.content.decode()
    client.logout()
    assert "Nội dung xem trước." not in html(client, story.url)


def warm_count(client, url):
    """The steady-state count: the least of three warm renders (on a loaded machine a
    short-lived cache of another block, the statistics', may expire between two)."""
    html(client, url)
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            html(client, url)
        counts.append(len(ctx.captured_queries))
    return min(counts)


def test_queries_stay_constant_with_fragments_on(stats_caches_held, fragment_cache, client, make_section, make_article):
    economy = make_section("Kinh tế")
    made = [make_article(f"Bài {n}", parent=economy, tags=["kinh tế"]) for n in range(2)]
    urls = ["/", economy.url, economy.url + "?trang=2", "/the/kinh-te/", made[0].url]
    small = {url: warm_count(client, url) for url in urls}
    for n in range(38):
        make_article(f"Bài thêm {n}", parent=economy, tags=["kinh tế"], display_date=BASE + datetime.timedelta(hours=n))
    pagecache.purge_all()  # what the publishes would have done after commit
    large = {url: warm_count(client, url) for url in urls}
    assert large == small


def test_a_kept_article_asks_nothing_and_reads_the_same(fragment_cache, client, stories, publish):
    """The article as routed to, its body, head meta, tags and related list kept since the last
    publish: the render asks the database nothing (no tags, no renditions, no related query,
    not even the article), and the page reads exactly as the first, fully prepared render."""
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from vnportal.news.demo.images import landscape_png

    economy, made = stories
    story = made[3]
    story.hero_image = get_image_model().objects.create(
        title="Ảnh bài", file=ImageFile(io.BytesIO(landscape_png(1, (30, 90, 60), size=(320, 200))), name="anh.png")
    )
    publish(story.save_revision().publish)
    url = story.url
    first = html(client, url)
    assert 'rel="tag"' in first and 'class="related listing"' in first and 'property="og:image"' in first
    with CaptureQueriesContext(connection) as queries:
        again = html(client, url)
    assert [q["sql"] for q in queries] == []
    assert again == first


def test_a_kept_home_asks_nothing_and_a_new_featured_story_shows_at_once(fragment_cache, client, stories, publish):
    economy, made = stories
    made[2].featured = True
    publish(made[2].save_revision().publish)
    first = html(client, "/")
    assert 'class="featured"' in first and "Bài cũ số 2" in first
    with CaptureQueriesContext(connection) as queries:
        again = html(client, "/")
    assert again == first
    assert not [q["sql"] for q in queries if "news_articlepage" in q["sql"]]
    made[5].featured = True
    publish(made[5].save_revision().publish)
    page = html(client, "/")
    featured = page[page.index('class="featured"') : page.index("</section>", page.index('class="featured"'))]
    assert "Bài cũ số 5" in featured  # the newest featured story leads
