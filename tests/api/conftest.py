"""A portal with something of every kind the API serves, public and not."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def fresh_api_cache():
    """The API's stored answers are keyed by the page cache's generation, which lives outside the
    test database (a file, or Redis): a new one per test, so no answer outlives its test's data."""
    from vnportal.core import pagecache

    pagecache.purge_all()
    yield
    pagecache.purge_all()


@pytest.fixture
def api(client):
    """``api(path, **query)`` → the response of GET /api/v1/<path> (JSON parsed in ``.data``)."""

    def get(path="", expect=200, **query):
        response = client.get(f"/api/v1/{path}", query)
        assert response.status_code == expect, (response.status_code, response.content[:500])
        response.data = response.json() if response.content else None
        return response

    return get


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def published_answer(db):
    """A published Hỏi đáp answer whose asker gave contact data (none of it may appear)."""
    from vnportal.agency.models import Unit
    from vnportal.questions.models import Question, QuestionField

    field = QuestionField.objects.create(name="Giáo dục - Đào tạo")
    unit = Unit.objects.create(slug="so-giao-duc", name="Sở Giáo dục và Đào tạo", email="sgd@sonha.example.vn")

    def make(status=Question.Status.PUBLISHED, **values):
        data = {
            "code": f"C{Question.objects.count():07d}",
            "name": "Nguyễn Văn Bình",
            "email": "binh.secret@example.vn",
            "phone": "0912 345 678",
            "address": "12 Đường Bí Mật, Phường 3",
            "display_name": "N.V.B.",
            "field": field,
            "unit": unit,
            "title": "Hỏi về tuyển sinh lớp 10",
            "content": "Xin hỏi lịch thi tuyển sinh lớp 10 năm nay.",
            "answer": "<p>Lịch thi là ngày 05/06.</p>",
            "status": status,
            "received_at": aware(2026, 5, 1, 9, 0),
            "due_on": datetime.date(2026, 5, 22),
            "answered_at": aware(2026, 5, 5, 10, 0),
            "published_at": aware(2026, 5, 6, 8, 0) if status == Question.Status.PUBLISHED else None,
        }
        data.update(values)
        return Question.objects.create(**data)

    return make
