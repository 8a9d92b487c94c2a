"""A schedule as the office enters it: leaders, a unit, and weeks filled with entries."""

import datetime

import pytest

from vnportal.core.localtime import local_date


@pytest.fixture
def leaders(db):
    from vnportal.agency.models import Person

    return [
        Person.objects.create(name="Nguyễn Văn Thành", title="Bí thư Tỉnh ủy", is_leader=True, sort_order=1),
        Person.objects.create(name="Trần Thị Hòa", title="Phó Bí thư Tỉnh ủy", is_leader=True, sort_order=2),
    ]


@pytest.fixture
def unit(db):
    from vnportal.agency.models import Unit

    return Unit.objects.create(name="Văn phòng Tỉnh ủy", slug="van-phong-tinh-uy")


@pytest.fixture
def this_monday():
    today = local_date()
    return today - datetime.timedelta(days=today.weekday())


@pytest.fixture
def make_week(db, leaders, unit):
    """``make_week(monday, entries=n, published=True)``: a week with ``n`` entries spread over its days."""
    from vnportal.schedule.models import Entry, Week

    def make(monday, entries=3, published=True, presiding=None):
        year, number = Week.key_of(monday)
        week = Week.objects.create(year=year, week=number)
        for n in range(entries):
            Entry.objects.create(
                week=week,
                date=monday + datetime.timedelta(days=n % 7),
                session=Entry.Session.values[n % 3],
                time=datetime.time(8 + (n % 3) * 5, 30),
                content=f"Họp bàn công việc số {n + 1} về chuyển đổi số",
                venue="Phòng họp số 1, Tỉnh ủy",
                presiding=presiding or leaders[n % 2],
                participants="Thường trực Tỉnh ủy",
                preparing_unit=unit,
            )
        if published:
            week.publish()
            week.save()
        return week

    return make
