import random
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.guard import guard_data
from tests.support.users import staff_user
from vnportal.agency.models import Unit
from vnportal.consultations.models import Comment, Draft, DraftArticle, DraftQuestion

STAFF_GROUP = "Cán bộ đơn vị (góp ý dự thảo)"


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="Sở Tư pháp tỉnh Sơn Hà", slug="so-tu-phap")


@pytest.fixture
def other_unit(db):
    return Unit.objects.create(name="Sở Xây dựng tỉnh Sơn Hà", slug="so-xay-dung")


@pytest.fixture
def make_draft(unit):
    def make(slug="du-thao-a", opens=-1, closes=10, unit=unit, articles=("Điều 1", "Điều 2"), questions=("Câu 1?",)):
        now = timezone.now()
        draft = Draft(
            slug=slug,
            title="Dự thảo Nghị quyết về hỗ trợ khởi nghiệp",
            summary="Tóm tắt dự thảo về hỗ trợ thanh niên khởi nghiệp.",
            unit=unit,
            opens_at=now + timedelta(days=opens),
            closes_at=now + timedelta(days=closes),
        )
        for order, label in enumerate(articles):
            draft.articles.add(DraftArticle(label=label, title=f"Nội dung {label}", sort_order=order))
        for order, text in enumerate(questions):
            draft.questions.add(DraftQuestion(text=text, sort_order=order))
        draft.save()
        return draft

    return make


@pytest.fixture
def draft(make_draft):
    return make_draft()


@pytest.fixture
def address():
    # A fresh address per test: with Redis the limiter's counters outlive a test's database.
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def form_data(draft, solved=True, **fields):
    question = draft.questions.first()
    data = {
        "kind": "person",
        "name": "Trần Thị Bình",
        "email": "binh@example.vn",
        "phone": "",
        "address": "",
        "article": "",
        "content": "Đề nghị tăng mức hỗ trợ lãi suất.",
        "consent": "on",
        **guard_data("consultation", solved=solved),
    }
    if question is not None:
        data[f"answer_{question.pk}"] = "Nên tăng lên 50%."
    data.update(fields)
    return data


@pytest.fixture
def unit_staff(unit):
    user = staff_user("canbo", STAFF_GROUP)
    unit.staff.add(user)
    return user


@pytest.fixture
def other_staff(other_unit):
    user = staff_user("canbokhac", STAFF_GROUP)
    other_unit.staff.add(user)
    return user


@pytest.fixture
def published_comment(draft):
    return Comment.objects.create(
        draft=draft,
        kind="person",
        name="Lê Văn Cường",
        email="cuong@example.vn",
        content="Ý kiến đã duyệt về dự thảo.",
        status=Comment.Status.PUBLISHED,
    )
