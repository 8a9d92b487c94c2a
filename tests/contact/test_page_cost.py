"""/lien-he/ is never stored by the page cache (it carries a CSRF token and a fresh challenge)
and costs a fixed number of queries, however many units it lists."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vnportal.agency.models import Unit


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/lien-he/").status_code == 200
    return len(queries)


@pytest.mark.usefixtures("page_cache")
def test_never_stored_by_the_page_cache(units):
    first, second = Client().get("/lien-he/"), Client().get("/lien-he/")
    assert second.get("X-Page-Cache") != "hit"
    token = 'name="guard_issued" value="'
    issued = [r.content.decode().split(token, 1)[1].split('"', 1)[0] for r in (first, second)]
    assert issued[0] != issued[1]  # rendered afresh for each reader
    assert "public" not in second.get("Cache-Control", "")


@pytest.mark.usefixtures("stats_caches_held")
def test_the_query_count_does_not_grow_with_the_units(units):
    client = Client()
    _queries(client)  # warm: the structure cache, the settings
    few = _queries(client)
    for n in range(20):
        Unit.objects.create(name=f"Phòng số {n}", slug=f"phong-{n}", phone=f"0210 {n}", email=f"p{n}@example.vn")
    _queries(client)
    many = _queries(client)
    print(f"/lien-he/ queries: {few} with 2 units, {many} with 22")
    assert many == few and few <= 12
