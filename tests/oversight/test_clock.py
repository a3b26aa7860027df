"""Deadlines and warning moments on the official calendar (2025 National Day: 1-8 October off,
Sunday 28 September and Saturday 11 October are make-up working days)."""
from __future__ import annotations

import datetime as dt

import pytest

from oversight.clock import HOURS, WORKING_DAYS, after_working_time, deadline_warning, deadlines
from workdays import CHINA, add_working_days, working_days_between

def at(*args):
    return dt.datetime(*args, tzinfo=CHINA)


def test_a_working_day_limit_skips_the_holiday_and_runs_on_the_make_up_saturday():
    start = at(2025, 9, 30, 10, 0)  # Tuesday, the last working day before the holiday
    assert after_working_time(start, 1) == at(2025, 10, 9, 10, 0)
    assert after_working_time(start, 3) == at(2025, 10, 11, 10, 0)  # Saturday 11 Oct is a working day


def test_it_agrees_with_the_platform_calendar_for_whole_days():
    from workdays import is_working_day

    for start in (at(2025, 9, 26, 15, 30), at(2025, 9, 28, 9, 0), at(2025, 10, 3, 12, 0), at(2025, 12, 31, 18, 0)):
        for days in (1, 2, 5, 15):
            due = after_working_time(start, days)
            assert working_days_between(start, due) == pytest.approx(days)
            if is_working_day(start.date()):
                assert due == add_working_days(start, days)


def test_a_clock_started_on_a_holiday_begins_at_the_next_working_day():
    assert after_working_time(at(2025, 10, 3, 12, 0), 1) == at(2025, 10, 10, 0, 0)


def test_the_warning_falls_at_eighty_percent_of_the_working_time():
    warn, due = deadlines(at(2025, 9, 30, 10, 0), 3, WORKING_DAYS, 0.8)
    # 2.4 working days = 57.6 h: 14 h on 30 Sep, 24 h on 9 Oct, 19.6 h on 10 Oct
    assert warn == at(2025, 10, 10, 19, 36) and due == at(2025, 10, 11, 10, 0)
    assert working_days_between(at(2025, 9, 30, 10, 0), warn) == pytest.approx(2.4)


def test_an_hour_limit_is_a_plain_clock():
    warn, due = deadlines(at(2025, 10, 1, 8, 0), 10, HOURS, 0.5)
    assert (warn, due) == (at(2025, 10, 1, 13, 0), at(2025, 10, 1, 18, 0))


def test_the_warning_for_someone_elses_deadline_counts_working_time_too():
    start, due = at(2025, 9, 30, 10, 0), at(2025, 10, 11, 10, 0)  # 3 working days
    assert deadline_warning(start, due, 0.8) == at(2025, 10, 10, 19, 36)


def test_unknown_units_and_negative_limits_are_refused():
    with pytest.raises(ValueError):
        deadlines(at(2025, 1, 2), 1, "fortnights", 0.8)
    with pytest.raises(ValueError):
        after_working_time(at(2025, 1, 2), -1)
