"""When a time limit runs out, and when its warning falls, on the official working-day calendar.

A limit is either in working days (the clock runs only on working days: holidays and weekends
stop it, 调休 make-up Saturdays run it; ``workdays`` is the one calendar the whole platform uses)
or in hours (a plain clock, for steps that must be done within hours whatever the day).
Both the deadline and the warning moment are computed once, when the clock starts, so the
periodic check is a plain indexed query (``warn_at <= now``, ``due_at <= now``).
"""
from __future__ import annotations

import datetime as dt

from workdays import CHINA, is_working_day

WORKING_DAYS = "working_days"
HOURS = "hours"
UNITS = (WORKING_DAYS, HOURS)
_DAY = dt.timedelta(days=1)


def after_working_time(start: dt.datetime, days: float) -> dt.datetime:
    """The moment when ``days`` of working time (24 h per working day) have passed since ``start``.

    The inverse of ``workdays.working_days_between`` for datetimes: the time elapsed on working
    days between the two is exactly ``days``. A clock started on a holiday begins running at the
    next working day's midnight."""
    if days < 0:
        raise ValueError("a time limit cannot be negative")
    local = start.astimezone(CHINA)
    remaining = dt.timedelta(days=days)
    cursor = local
    for _ in range(366 * 5):
        day_start = dt.datetime.combine(cursor.date(), dt.time(0), CHINA)
        day_end = day_start + _DAY
        if is_working_day(cursor.date()):
            available = day_end - cursor
            if remaining <= available:
                return (cursor + remaining).astimezone(start.tzinfo or CHINA)
            remaining -= available
        cursor = day_end
    raise ValueError("time limit too long")


def deadlines(start: dt.datetime, amount: int, unit: str, warn_ratio: float) -> tuple[dt.datetime, dt.datetime]:
    """``(warn_at, due_at)`` of a clock started at ``start``."""
    if unit == HOURS:
        span = dt.timedelta(hours=amount)
        return start + span * warn_ratio, start + span
    if unit == WORKING_DAYS:
        return after_working_time(start, amount * warn_ratio), after_working_time(start, amount)
    raise ValueError(f"unknown time-limit unit {unit!r}")


def deadline_warning(start: dt.datetime, due: dt.datetime, warn_ratio: float) -> dt.datetime:
    """The warning moment for a deadline someone else set (citizens' items): ``warn_ratio`` of the
    working time between ``start`` and ``due``."""
    from workdays import working_days_between

    total = working_days_between(start, due)
    if total <= 0:
        return due
    return after_working_time(start, total * warn_ratio)
