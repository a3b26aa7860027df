"""Working days on the official Chinese calendar (法定节假日 and 调休 make-up working days).

Pure functions, no models and no Django: the time limits of citizens' enquiries (``interaction``)
and the red/yellow cards of efficiency monitoring (``oversight``) must count the same days, so
both use this one module.

The calendar comes from ``chinesecalendar`` (import name ``chinese_calendar``), which carries the
State Council's yearly holiday arrangement up to the year of its release. For a year it does not
know yet we fall back to Monday-Friday (no holidays, no make-up days) and log a warning once per
year, instead of failing: a deadline then may come a holiday too early, which is the safe side for
a time limit, and the fix is to upgrade the pinned package when the new arrangement is published
(every December). ``calendar_covers(year)`` tells callers and system checks whether a year is known.

Conventions (one source of truth for every caller):

* A *date* result or argument is a calendar day in China (Asia/Shanghai).
* ``add_working_days(d, n)`` is the n-th working day after ``d`` (``d`` itself never counts, so a
  Friday plus 1 is the next working Monday, and a Saturday plus 1 is that Monday too).
  A datetime keeps its time of day (and its time zone): 15:00 on Friday plus 1 is 15:00 on Monday.
* ``working_days_between(a, b)`` counts for dates the working days ``d`` with ``a < d <= b``
  (an ``int``), so ``working_days_between(d, add_working_days(d, n)) == n``; for datetimes it is
  the working time elapsed between them, in days (a ``float``: the part of ``(a, b]`` that lies on
  working days, divided by 24 hours), which is what "1.5 working days left" means. Both are
  negative when ``b`` is before ``a``.
"""
from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar

__all__ = [
    "CHINA",
    "add_working_days",
    "calendar_covers",
    "is_working_day",
    "working_days_between",
]

logger = logging.getLogger(__name__)

CHINA = ZoneInfo("Asia/Shanghai")
_DAY = dt.timedelta(days=1)
#: more than a year of holidays in a row does not exist; this bounds every loop on bad input
_MAX_SPAN_DAYS = 366 * 50


@lru_cache(maxsize=None)
def calendar_covers(year: int) -> bool:
    """Whether the pinned calendar knows the holiday arrangement of ``year``."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        logger.warning(
            "chinese_calendar has no holiday data for %s: counting Monday-Friday as working days "
            "(upgrade the chinesecalendar package when the year's arrangement is published)",
            year,
        )
        return False
    return True


def is_working_day(day: dt.date) -> bool:
    """True on an official working day: Monday-Friday except holidays, plus 调休 weekend days."""
    if isinstance(day, dt.datetime):
        day = _local_date(day)
    elif not isinstance(day, dt.date):
        raise TypeError(f"is_working_day() needs a date, not {type(day).__name__}")
    return _is_working_date(day)


@lru_cache(maxsize=8192)
def _is_working_date(day: dt.date) -> bool:
    if not calendar_covers(day.year):
        return day.weekday() < 5
    return chinese_calendar.is_workday(day)


def add_working_days(start, days: int):
    """The ``days``-th working day after ``start`` (before it when negative); same type back."""
    if isinstance(start, dt.datetime):
        local = _to_local(start)
        day = _add_to_date(local.date(), days)
        moved = dt.datetime.combine(day, local.timetz() if local.tzinfo else local.time())
        return moved.astimezone(start.tzinfo) if start.tzinfo else moved
    if isinstance(start, dt.date):
        return _add_to_date(start, days)
    raise TypeError(f"add_working_days() needs a date or datetime, not {type(start).__name__}")


def working_days_between(a, b):
    """Working days from ``a`` to ``b``: an ``int`` for dates, a ``float`` for datetimes."""
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
        raise TypeError("working_days_between() needs two dates or two datetimes")
    if b < a:
        return -working_days_between(b, a)
    if isinstance(a, dt.datetime):
        return _working_time_between(_to_local(a), _to_local(b))
    if isinstance(a, dt.date):
        _check_span(a, b)
        count, day = 0, a + _DAY
        while day <= b:
            count += is_working_day(day)
            day += _DAY
        return count
    raise TypeError(f"working_days_between() needs dates or datetimes, not {type(a).__name__}")


def _add_to_date(day: dt.date, days: int) -> dt.date:
    if abs(days) > _MAX_SPAN_DAYS:
        raise ValueError(f"{days} working days is beyond any time limit")
    step = _DAY if days >= 0 else -_DAY
    remaining = abs(days)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def _working_time_between(a: dt.datetime, b: dt.datetime) -> float:
    """The part of ``(a, b]`` on working days, in days; ``a`` and ``b`` are China local time."""
    _check_span(a.date(), b.date())
    total = dt.timedelta(0)
    day = a.date()
    while day <= b.date():
        if is_working_day(day):
            day_start = dt.datetime.combine(day, dt.time(0), a.tzinfo)
            lo, hi = max(a, day_start), min(b, day_start + _DAY)
            if hi > lo:
                total += hi - lo
        day += _DAY
    return total / _DAY


def _to_local(moment: dt.datetime) -> dt.datetime:
    """Aware datetimes are moved to China time; naive ones are taken as China time already."""
    return moment.astimezone(CHINA) if moment.tzinfo else moment


def _local_date(moment: dt.datetime) -> dt.date:
    return _to_local(moment).date()


def _check_span(a: dt.date, b: dt.date) -> None:
    if abs((b - a).days) > _MAX_SPAN_DAYS:
        raise ValueError("the two days are too far apart for a time limit")
