"""Listings cost a fixed number of queries however many items they show (acceptance 3)."""

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

BASE = timezone.make_aware(datetime.datetime(2024, 5, 1, 8, 0))


# The sidebar's statistics caches last the whole test (conftest.stats_caches_held).
pytestmark = pytest.mark.usefixtures("stats_caches_held")


@pytest.fixture
def image(db):
    data = ImageFile(io.BytesIO(landscape_png(1, (120, 20, 20), size=(240, 150))), name="anh.png")
    return get_image_model().objects.create(title="Ảnh thử", file=data)


@pytest.fixture
def fill(make_article, image):
    """Add ``count`` articles (with images and a tag) to a section; dates increase with the counter."""
    counter = {"n": 0}

    def fill(section, count, tags=("kinh tế",)):
        made = []
        for _ in range(count):
            counter["n"] += 1
            n = counter["n"]
            made.append(
                make_article(
                    f"Bài số {n} {section.title}",
                    parent=section,
                    hero_image=image,
                    display_date=BASE + datetime.timedelta(hours=n),
                    tags=list(tags),
                )
            )
        return made

    return fill


def count_queries(client, url):
    """Queries of a warm request (the first one fills caches and creates image renditions)."""
    first = client.get(url)
    assert first.status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.django_db
def test_home_queries_do_not_grow_with_sections_or_articles(client, make_section, fill):
    first = make_section("Chuyên mục một")
    fill(first, 2)
    small, response = count_queries(client, "/")
    assert "Bài số 2 Chuyên mục một" in response.content.decode()

    for index in range(4):
        section = make_section(f"Chuyên mục thêm {index}")
        fill(section, 6)
        sub = make_section(f"Chuyên mục con {index}", parent=section)
        fill(sub, 2)
    fill(first, 10)
    large, response = count_queries(client, "/")
    html = response.content.decode()
    assert large == small, f"{small} queries with 1 section, {large} with 5"
    assert large <= 20
    # Every section got its own block with at most per_section_count items, newest first.
    for index in range(4):
        assert f"Chuyên mục thêm {index}" in html


@pytest.mark.django_db
def test_home_section_blocks_pick_newest_per_section_including_subsections(rf, home, make_section, fill):
    a = make_section("Thời sự")
    b = make_section("Văn hóa")
    sub = make_section("Di sản", parent=b)
    old_a = fill(a, 5)
    b_items = fill(b, 1)
    sub_items = fill(sub, 3)
    request = rf.get("/")
    request.user = None
    context = home.get_context(request)
    blocks = {blk["section"].title: [x.title for x in blk["articles"]] for blk in context["section_blocks"]}
    per = home.per_section_count
    assert blocks["Thời sự"] == [x.title for x in reversed(old_a)][:per]
    assert blocks["Văn hóa"] == [x.title for x in reversed(b_items + sub_items)][:per]
    assert "Di sản" not in blocks  # sub-sections feed their parent's block
    assert context["most_read"] == []


@pytest.mark.django_db
def test_home_most_read_slot_is_filled_by_a_hook(client, make_section, fill):
    from wagtail import hooks

    items = fill(make_section("Thời sự"), 3)

    def most_read(request, home):
        return [items[0]]

    with hooks.register_temporarily("vnportal_most_read", most_read):
        html = client.get("/").content.decode()
    assert 'data-slot="most-read"' in html
    assert "Đọc nhiều" in html


@pytest.mark.django_db
def test_section_pagination_queries_are_constant(client, make_section, fill):
    section = make_section("Kinh tế")
    section.page_size = 5
    section.save_revision().publish()
    fill(section, 6)
    small, _ = count_queries(client, "/kinh-te/")
    fill(section, 20)
    sub = make_section("Nông nghiệp", parent=section)
    fill(sub, 4)
    large, response = count_queries(client, "/kinh-te/?trang=2")
    assert large == small
    html = response.content.decode()
    assert html.count('class="card-title"') == 5
    assert "Trang 2/6" in html
    # Out-of-range and junk page numbers fall back instead of failing.
    assert client.get("/kinh-te/?trang=999").status_code == 200
    assert client.get("/kinh-te/?trang=abc").status_code == 200


@pytest.mark.django_db
def test_tag_page_lists_tagged_articles_with_constant_queries(client, make_section, fill, make_article):
    section = make_section("Kinh tế")
    fill(section, 3, tags=("Chuyển đổi số",))
    make_article("Bài không gắn thẻ", parent=section)
    small, response = count_queries(client, "/the/chuyen-doi-so/")
    html = response.content.decode()
    assert "Chuyển đổi số" in html
    assert "Bài không gắn thẻ" not in html
    fill(section, 9, tags=("Chuyển đổi số", "hạ tầng"))
    large, _ = count_queries(client, "/the/chuyen-doi-so/")
    assert large == small
    assert client.get("/the/khong-co-the-nay/").status_code == 404


@pytest.mark.django_db
def test_article_links_its_tags_to_ascii_tag_pages(client, make_article):
    article = make_article(tags=["Đại hội Đảng", "Tỉnh ủy"])
    html = client.get(article.url).content.decode()
    assert 'href="/the/dai-hoi-dang/"' in html
    assert 'href="/the/tinh-uy/"' in html
    assert client.get("/the/dai-hoi-dang/").status_code == 200


@pytest.mark.django_db
def test_tags_folding_alike_get_distinct_slugs(make_article):
    from taggit.models import Tag

    make_article("Bài một", tags=["Tỉnh ủy"])
    make_article("Bài hai", tags=["Tỉnh uỷ"])
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["tinh-uy", "tinh-uy-2"]


@pytest.mark.django_db
def test_related_articles_manual_first_then_same_section_then_shared_tags(make_section, fill, rf):
    economy = make_section("Kinh tế")
    culture = make_section("Văn hóa")
    subject = fill(economy, 1, tags=("du lịch", "bản làng"))[0]
    same_section = fill(economy, 2, tags=("khác",))
    two_tags = fill(culture, 1, tags=("du lịch", "bản làng"))[0]
    one_tag = fill(culture, 1, tags=("du lịch",))[0]
    unrelated = fill(culture, 1, tags=("thể thao",))[0]
    manual = fill(culture, 1, tags=("thể thao",))[0]
    subject = ArticlePage.objects.get(pk=subject.pk)
    RelatedArticle.objects.create(page=subject, article=manual, sort_order=0)
    subject.related_count = 5

    request = rf.get(subject.url)
    request.user = None
    related = subject.get_context(request)["related"]
    titles = [a.title for a in related]
    assert titles == [manual.title, same_section[1].title, same_section[0].title, two_tags.title, one_tag.title]
    assert unrelated.title not in titles


@pytest.mark.django_db
def test_article_page_queries_do_not_grow_with_related_and_tags(client, make_section, fill):
    # The small case already takes every path (a manual choice and a filled-in one),
    # so an equal count proves the cost does not grow with what is shown.
    economy = make_section("Kinh tế")
    subject, first, second = fill(economy, 3, tags=("a",))
    RelatedArticle.objects.create(page=subject, article=first, sort_order=0)
    small, response = count_queries(client, subject.url)
    assert response.content.decode().count('class="card-title"') == 2
    others = fill(economy, 8, tags=("a", "b", "c"))
    subject = ArticlePage.objects.get(pk=subject.pk)
    for index, other in enumerate(others[:2]):
        RelatedArticle.objects.create(page=subject, article=other, sort_order=index + 1)
    subject.tags.add("b", "c", "d")
    subject.save_revision().publish()
    large, response = count_queries(client, subject.url)
    assert large == small
    assert response.content.decode().count('class="card-title"') == ArticlePage.related_count


@pytest.mark.django_db
def test_unpublished_related_choice_is_not_shown(make_section, fill, make_article, rf):
    economy = make_section("Kinh tế")
    subject = fill(economy, 1)[0]
    draft = make_article("Bản nháp", parent=make_section("Khác"), publish=False)
    RelatedArticle.objects.create(page=subject, article=draft, sort_order=0)
    request = rf.get("/")
    request.user = None
    assert "Bản nháp" not in [a.title for a in ArticlePage.objects.get(pk=subject.pk).get_context(request)["related"]]
