"""Every list answers in the same number of queries for 2 items as for 40."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def _fill(n, make_section, make_article, make_document, published_answer):
    from vnportal.agency.models import Person, Unit
    from vnportal.schedule.models import Entry, Week

    sections = [make_section(f"Chuyên mục {k}") for k in range(n)]
    for k in range(n):
        make_article(f"Tin {k}", parent=sections[k % len(sections)], tags=[f"thẻ {k}", "chung"])
    for k in range(n):
        make_document(number=f"{k + 1}/QĐ-UBND", doc_type=f"Loại {k % 3}", issuer=f"Cơ quan {k % 4}")
        published_answer(title=f"Câu hỏi {k}", code=f"Q{k:07d}")
    leader = Person.objects.create(name="Nguyễn Văn Thành", title="Bí thư", is_leader=True)
    unit = Unit.objects.create(name="Văn phòng", slug="van-phong")
    week = Week.objects.create(year=2026, week=49)
    for k in range(n):
        Entry.objects.create(
            week=week, date=datetime.date(2026, 11, 30) + datetime.timedelta(days=k % 7), content=f"Họp {k}",
            presiding=leader, preparing_unit=unit, time=datetime.time(8, k % 60),
        )  # fmt: skip
    week.publish(now=timezone.now())
    week.save()


def _queries(client, path):
    from vnportal.core import pagecache

    pagecache.purge_all()
    client.get(path)  # the first request of a run fills per-process caches (site root paths) and the rate counter's row
    pagecache.purge_all()  # built, not served from the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries), len(response.json()["results"])


COLLECTIONS = ["articles", "sections", "documents", "answers", "schedule"]


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_items(client, make_section, make_article, make_document, published_answer):
    from vnportal.questions.models import Question
    from vnportal.schedule.models import Entry, Week

    _fill(2, make_section, make_article, make_document, published_answer)
    few = {name: _queries(client, f"/api/v1/{name}/?limit=50") for name in COLLECTIONS}
    base = Question.objects.count()
    for k in range(38):
        make_article(f"Tin thêm {k}", tags=[f"thêm {k}"])
        make_section(f"Chuyên mục thêm {k}")
        make_document(number=f"{k + 100}/QĐ-UBND")
        published_answer(title=f"Câu hỏi thêm {k}", code=f"R{base + k:07d}")
    week = Week.objects.get()
    for k in range(38):
        Entry.objects.create(week=week, date=datetime.date(2026, 12, 1), content=f"Họp thêm {k}")
    many = {name: _queries(client, f"/api/v1/{name}/?limit=50") for name in COLLECTIONS}
    for name in COLLECTIONS:
        (count_few, shown_few), (count_many, shown_many) = few[name], many[name]
        assert shown_few >= 2 and shown_many >= 40, name
        assert count_many == count_few, (
            f"{name}: {count_few} queries for {shown_few} items, {count_many} for {shown_many}"
        )
