import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def make_poll(db):
    from vnportal.polls.models import Choice, Poll

    def make(
        question="Bạn thấy cổng thông tin thế nào?",
        choices=("Tốt", "Bình thường", "Chưa tốt"),
        opens_in=-1,
        closes_in=1,
        **fields,
    ):
        now = timezone.now()
        fields.setdefault("published", True)
        poll = Poll.objects.create(
            question=question,
            opens_at=now + datetime.timedelta(days=opens_in),
            closes_at=now + datetime.timedelta(days=closes_in),
            **fields,
        )
        for order, text in enumerate(choices):
            Choice.objects.create(poll=poll, text=text, sort_order=order)
        return poll

    return make


@pytest.fixture
def poll(make_poll):
    from vnportal.polls.models import Poll

    return make_poll(results_visibility=Poll.Visibility.ALWAYS)


@pytest.fixture
def member(db, django_user_model):
    return django_user_model.objects.create_user("thanhvien", "tv@example.vn", "mat-khau-dai-123")
