"""The home page with the page cache off and its listings kept (issue 14, point 3): the view
skips the listings' queries when their rendered form is kept, and a publish shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def render(client):
    client.cookies.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_kept_listings_cost_no_query_and_a_publish_shows_at_once(
    fragment_cache, client, make_section, make_article, publish
):
    economy = make_section("Kinh tế")
    for n in range(5):
        make_article(f"Tin kinh tế số {n}", parent=economy)
    first, first_queries = render(client)
    second, second_queries = render(client)
    assert second_queries < first_queries
    for n in range(5):  # the kept listings are the ones rendered (the statistics token differs per render)
        assert f"Tin kinh tế số {n}" in first and f"Tin kinh tế số {n}" in second
    fresh = make_article("Tin vừa đăng trên trang chủ", parent=economy, publish=False)
    assert "Tin vừa đăng trên trang chủ" not in render(client)[0]
    publish(fresh)
    assert "Tin vừa đăng trên trang chủ" in render(client)[0]
