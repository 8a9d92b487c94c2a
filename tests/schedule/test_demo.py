"""The demo's two weeks follow the day it runs (point 9): this week and next, never twice."""

import datetime

import pytest

from vnportal.schedule.demo import build
from vnportal.schedule.models import Week

pytestmark = pytest.mark.django_db


def test_demo_weeks_are_this_week_and_next_and_are_made_once():
    thursday = datetime.date(2026, 12, 31)  # ISO week 53 of 2026; the next is week 1 of 2027
    assert build(today=thursday) == 2
    assert build(today=thursday) == 0
    weeks = sorted((w.year, w.week) for w in Week.objects.all())
    assert weeks == [(2026, 53), (2027, 1)]
    this_week = Week.objects.get(year=2026, week=53)
    assert this_week.is_published and this_week.revision == 1
    assert {e.date for e in this_week.entries.all()} <= set(this_week.days())
    assert Week.objects.get(year=2027, week=1).revision == 0
