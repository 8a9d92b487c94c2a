"""The public list and an answer cost a small, fixed number of queries, however many answers exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vnportal.questions import handling

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stats_caches_held")]
LIST_LIMIT = 6
DETAIL_LIMIT = 4


def publish_many(submit, unit, count, start=0):
    questions = []
    for n in range(start, start + count):
        q = handling.assign(submit(title=f"Câu hỏi số {n}"), unit, None)
        questions.append(handling.publish(handling.answer(q, f"<p>Trả lời {n}.</p>", None), None))
    return questions


def queries(client, url):
    client.get(url)  # warm: the structure cache, the sidebar
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_query_count_is_small_and_does_not_grow(client, submit, unit, field):
    publish_many(submit, unit, 2)
    few = queries(client, "/hoi-dap/")
    print("list queries:", few)
    few_filtered = queries(client, f"/hoi-dap/?linh_vuc={field.pk}")
    publish_many(submit, unit, 20, start=2)
    assert queries(client, "/hoi-dap/") == few <= LIST_LIMIT
    assert queries(client, f"/hoi-dap/?linh_vuc={field.pk}") == few_filtered <= LIST_LIMIT


def test_answer_query_count_is_small(client, submit, unit):
    first, *_ = publish_many(submit, unit, 3)
    count = queries(client, first.get_absolute_url())
    print("answer page queries:", count)
    assert count <= DETAIL_LIMIT
