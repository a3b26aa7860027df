"""Working days on the official calendar: holidays, 调休 make-up days, datetimes and the fallback
for years the pinned calendar does not know yet."""
from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest

import workdays
from workdays import add_working_days, is_working_day, working_days_between

# Not marked `embedded`: nothing here reads the database or the cache, so the embedded re-run
# would repeat exactly the same test.

D = dt.date
UTC = dt.timezone.utc
CN = ZoneInfo("Asia/Shanghai")

# 2025 National Day + Mid-Autumn: 1-8 October off; Sunday 28 September and Saturday 11 October
# are make-up working days (国务院办公厅关于2025年部分节假日安排的通知).
NATIONAL_DAY_2025 = [D(2025, 10, d) for d in range(1, 9)]
MAKE_UP_2025 = [D(2025, 9, 28), D(2025, 10, 11)]


def test_it_knows_holidays_and_make_up_days():
    assert all(not is_working_day(day) for day in NATIONAL_DAY_2025)
    assert all(is_working_day(day) for day in MAKE_UP_2025)
    assert MAKE_UP_2025[0].weekday() == 6 and MAKE_UP_2025[1].weekday() == 5  # a Sunday, a Saturday
    assert is_working_day(D(2025, 9, 30))           # an ordinary Tuesday
    assert not is_working_day(D(2025, 9, 27))       # an ordinary Saturday
    assert not is_working_day(D(2025, 1, 1))        # New Year's Day, a Wednesday


def test_adding_working_days_skips_the_holiday_and_counts_the_make_up_saturday():
    # Tuesday 30 September + 1 = Thursday 9 October (1-8 October are off)
    assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    # + 3 = Saturday 11 October, the make-up working day; + 4 = Monday 13 October
    assert add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)
    assert add_working_days(D(2025, 9, 30), 4) == D(2025, 10, 13)
    # Saturday 27 September (off) + 1 = Sunday 28 September (make-up day)
    assert add_working_days(D(2025, 9, 27), 1) == D(2025, 9, 28)
    # starting inside the holiday
    assert add_working_days(D(2025, 10, 3), 1) == D(2025, 10, 9)
    # backwards
    assert add_working_days(D(2025, 10, 9), -1) == D(2025, 9, 30)
    assert add_working_days(D(2025, 10, 9), 0) == D(2025, 10, 9)


def test_fifteen_working_days_for_a_complaint_across_the_holiday():
    # Friday 26 September 2025: a plain Mon-Fri count would give Friday 17 October
    deadline = add_working_days(D(2025, 9, 26), 15)
    assert deadline == D(2025, 10, 23)
    assert working_days_between(D(2025, 9, 26), deadline) == 15
    naive = D(2025, 9, 26)
    weekdays = 0
    while weekdays < 15:
        naive += dt.timedelta(days=1)
        weekdays += naive.weekday() < 5
    assert naive != deadline


@pytest.mark.parametrize("start", [D(2025, 9, 22) + dt.timedelta(days=i) for i in range(30)])
@pytest.mark.parametrize("days", [1, 5, 15])
def test_between_is_the_inverse_of_add_for_dates(start, days):
    end = add_working_days(start, days)
    assert is_working_day(end)
    assert working_days_between(start, end) == days
    assert working_days_between(end, start) == -days


def test_datetimes_keep_their_time_and_zone():
    submitted = dt.datetime(2025, 9, 30, 15, 30, tzinfo=CN)
    assert add_working_days(submitted, 1) == dt.datetime(2025, 10, 9, 15, 30, tzinfo=CN)
    # 07:30 UTC on 30 September is 15:30 in China: the calendar day is China's
    in_utc = dt.datetime(2025, 9, 30, 7, 30, tzinfo=UTC)
    result = add_working_days(in_utc, 1)
    assert result.tzinfo is UTC and result == dt.datetime(2025, 10, 9, 7, 30, tzinfo=UTC)
    # 20:00 UTC on Tuesday 30 September is already 1 October (a holiday) in China
    assert not is_working_day(dt.datetime(2025, 9, 30, 20, 0, tzinfo=UTC))


def test_working_time_between_datetimes_skips_the_holiday():
    start = dt.datetime(2025, 9, 30, 12, 0, tzinfo=CN)
    # half of 30 September, nothing from 1-8 October, half of 9 October
    assert working_days_between(start, dt.datetime(2025, 10, 9, 12, 0, tzinfo=CN)) == pytest.approx(1.0)
    assert working_days_between(start, dt.datetime(2025, 10, 5, 12, 0, tzinfo=CN)) == pytest.approx(0.5)
    assert working_days_between(dt.datetime(2025, 10, 9, 12, 0, tzinfo=CN), start) == pytest.approx(-1.0)
    # the make-up Saturday counts in full
    sat = dt.datetime(2025, 10, 11, 0, 0, tzinfo=CN)
    assert working_days_between(sat, sat + dt.timedelta(days=1)) == pytest.approx(1.0)
    assert isinstance(working_days_between(start, start), float)


def test_years_beyond_the_calendar_fall_back_to_monday_to_friday(caplog):
    year = 2099
    workdays.calendar_covers.cache_clear()
    workdays._is_working_date.cache_clear()
    with caplog.at_level(logging.WARNING, logger="workdays"):
        assert workdays.calendar_covers(year) is False
        assert is_working_day(D(2099, 1, 1))           # a Thursday: no holiday data, so working
        assert not is_working_day(D(2099, 1, 3))       # a Saturday
        assert add_working_days(D(2099, 1, 2), 1) == D(2099, 1, 5)
        is_working_day(D(2099, 1, 6))
    warnings = [r for r in caplog.records if "2099" in r.getMessage()]
    assert len(warnings) == 1                           # logged once per year, not per call
    assert workdays.calendar_covers(2025) is True


def test_bad_arguments_are_refused():
    with pytest.raises(TypeError):
        add_working_days("2025-10-01", 1)
    with pytest.raises(TypeError):
        working_days_between(D(2025, 1, 1), dt.datetime(2025, 1, 2))
    with pytest.raises(ValueError):
        add_working_days(D(2025, 1, 1), 10**7)
