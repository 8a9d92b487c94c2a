"""The working-day calendar (core/workdays.py): pure, no database."""

import datetime

import pytest
from django.utils import timezone

from vnportal.core import workdays
from vnportal.core.localtime import make_local

D = datetime.date
# Tết Bính Ngọ 2026: Monday 16 Feb to Friday 20 Feb (the weekend before and after stay weekends).
TET_2026 = {D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)}
NEW_YEAR = {D(2027, 1, 1)}


def at(y, m, d, hh=9, mm=0):
    return make_local(datetime.datetime(y, m, d, hh, mm))


def test_weekdays_count_and_weekends_do_not():
    assert workdays.is_working_day(D(2026, 12, 7), set())  # Monday
    assert not workdays.is_working_day(D(2026, 12, 12), set())  # Saturday
    assert not workdays.is_working_day(D(2026, 12, 13), set())  # Sunday
    assert not workdays.is_working_day(D(2026, 12, 7), {D(2026, 12, 7)})


def test_received_in_office_hours_counts_that_day():
    # Monday 7 Dec 2026, 09:00: day 1 is Monday, day 5 is Friday, day 15 is Friday 25 Dec.
    assert workdays.due_date(at(2026, 12, 7), 1, set()) == D(2026, 12, 7)
    assert workdays.due_date(at(2026, 12, 7), 5, set()) == D(2026, 12, 11)
    assert workdays.due_date(at(2026, 12, 7), 15, set()) == D(2026, 12, 25)


def test_after_office_hours_counts_from_next_working_day():
    assert workdays.first_counted_day(at(2026, 12, 7, 16, 59), set()) == D(2026, 12, 7)
    assert workdays.first_counted_day(at(2026, 12, 7, 17, 0), set()) == D(2026, 12, 8)
    # Friday evening → Monday
    assert workdays.first_counted_day(at(2026, 12, 11, 20, 0), set()) == D(2026, 12, 14)
    assert workdays.due_date(at(2026, 12, 7, 18, 0), 15, set()) == D(2026, 12, 28)


def test_weekend_submission_counts_from_monday():
    assert workdays.first_counted_day(at(2026, 12, 12, 10), set()) == D(2026, 12, 14)
    assert workdays.first_counted_day(at(2026, 12, 13, 23, 59), set()) == D(2026, 12, 14)


def test_local_time_decides_not_utc():
    # 2026-12-07 10:30 UTC is 17:30 in Hà Nội: after hours, so Tuesday.
    moment = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=datetime.UTC)
    assert workdays.first_counted_day(moment, set()) == D(2026, 12, 8)
    # 2026-12-06 23:30 UTC is Monday 06:30 local: Monday counts.
    assert workdays.first_counted_day(datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC), set()) == D(
        2026, 12, 7
    )


def test_tet_spanning_weekends():
    # Received Friday 13 Feb 2026 at 10:00 (the last working day before Tết): day 1 = 13 Feb,
    # then the weekend, five days of Tết, the weekend: day 2 = Monday 23 Feb.
    assert workdays.due_date(at(2026, 2, 13), 2, TET_2026) == D(2026, 2, 23)
    # 15 working days: 13 Feb + 14 more from 23 Feb → Thursday 12 March.
    assert workdays.due_date(at(2026, 2, 13), 15, TET_2026) == D(2026, 3, 12)
    # Received during Tết → counts from 23 Feb.
    assert workdays.first_counted_day(at(2026, 2, 18, 10), TET_2026) == D(2026, 2, 23)


def test_year_end_and_new_year_holiday():
    # Thursday 31 Dec 2026 after hours → 1 Jan 2027 is a holiday (Friday) → Monday 4 Jan.
    assert workdays.first_counted_day(at(2026, 12, 31, 17, 30), NEW_YEAR) == D(2027, 1, 4)
    # Wednesday 23 Dec 2026: 23, 24, 25 (3); 28–31 (7); 1 Jan off; 4–8 Jan (12); 11, 12, 13 (15).
    assert workdays.due_date(at(2026, 12, 23), 15, NEW_YEAR) == D(2027, 1, 13)
    assert workdays.due_date(at(2026, 12, 23), 15, set()) == D(2027, 1, 12)


def test_office_hours_setting(settings):
    settings.OFFICE_HOURS_END = "16:30"
    assert workdays.first_counted_day(at(2026, 12, 7, 16, 45), set()) == D(2026, 12, 8)


def test_configured_holidays_from_settings(settings):
    settings.PUBLIC_HOLIDAYS = ["2026-09-02", D(2026, 4, 30)]
    assert workdays.configured_holidays() == {D(2026, 9, 2), D(2026, 4, 30)}


def test_working_days_between():
    assert workdays.working_days_between(D(2026, 12, 11), D(2026, 12, 14), set()) == 1
    assert workdays.working_days_between(D(2026, 12, 14), D(2026, 12, 11), set()) == 0
    assert workdays.working_days_between(D(2026, 2, 13), D(2026, 2, 23), TET_2026) == 1


def test_zero_days_refused():
    with pytest.raises(ValueError):
        workdays.due_date(timezone.now(), 0, set())
