"""The Giới thiệu pages cost a small, fixed number of queries however many units, people
and sub-pages they show (counted on a warm request, as tests/news/test_query_counts.py does)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vnportal.agency.models import AboutPage, Unit

LIMIT = 10

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stats_caches_held", "no_rendition_cache")]


@pytest.fixture
def no_rendition_cache(settings):
    settings.CACHES = {**settings.CACHES, "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def warm_count(client, url):
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_organisation_and_functions_pages_do_not_grow_with_the_units(client, units, make_about, make_person):
    chart = make_about("Cơ cấu tổ chức", kind=AboutPage.Kind.ORGANISATION)
    functions = make_about("Chức năng, nhiệm vụ", kind=AboutPage.Kind.FUNCTIONS)
    small = {page.url: warm_count(client, page.url)[0] for page in (chart, functions)}
    for index in range(10):
        head = make_person(f"Trưởng đơn vị {index}", "Trưởng phòng", is_leader=False)
        Unit.objects.create(
            name=f"Phòng số {index}", slug=f"phong-{index}", parent=units["office"], head=head, phone="0200 3 800 000"
        )
    for page in (chart, functions):
        count, html = warm_count(client, page.url)
        assert html.count('class="unit"') == 14
        assert count == small[page.url] and count <= LIMIT, (page.url, small[page.url], count)


def test_leadership_page_does_not_grow_with_the_leaders_and_their_photos(client, make_about, make_person, make_image):
    page = make_about("Lãnh đạo tỉnh", kind=AboutPage.Kind.LEADERSHIP)
    make_person("Nguyễn Hoàng Long", "Bí thư Tỉnh ủy", photo=make_image(), biography="<p>Tiểu sử.</p>")
    small, html = warm_count(client, page.url)
    assert html.count('class="leader"') == 1
    for index in range(5):
        make_person(f"Lãnh đạo {index}", "Ủy viên Ban Thường vụ", photo=make_image(), sort_order=index + 2)
    large, html = warm_count(client, page.url)
    assert html.count('class="leader"') == 6 and html.count("<img") >= 6
    assert large == small and large <= LIMIT, (small, large)


def test_index_and_free_pages_do_not_grow_with_the_sub_pages(client, make_about):
    history = make_about("Lịch sử hình thành")
    small = {url: warm_count(client, url)[0] for url in ("/gioi-thieu/", history.url)}
    for index in range(6):
        make_about(f"Trang {index}")
        make_about(f"Trang con {index}", parent=history)
    for url, count in small.items():
        large, _html = warm_count(client, url)
        assert large == count and large <= LIMIT, (url, count, large)
