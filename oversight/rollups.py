"""Roll-ups of the daily page-view counters, rebuilt by the periodic check.

``PageViewDaily`` (one row per path and day, written by the middleware) stays the source of
truth; ``SectionViewDaily`` (per section and day) and ``PageViewMonthly`` (per path and month)
are derived from it, so charts over long ranges read hundreds of rows instead of a million.
Each round rebuilds the recent days and the current (and, early in a month, the previous) month;
``rollup_page_views(everything=True)`` rebuilds all of it (after bulk loads).
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max, Min, Sum
from django.utils import timezone

from notifications.periodic import register_check


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def rebuild_days(first: dt.date, last: dt.date) -> None:
    from oversight.models import PageViewDaily, SectionViewDaily

    with transaction.atomic():
        SectionViewDaily.objects.filter(day__gte=first, day__lte=last).delete()
        sums = (PageViewDaily.objects.filter(day__gte=first, day__lte=last).values("day", "section")
                .annotate(n=Sum("views")).order_by())
        SectionViewDaily.objects.bulk_create(
            [SectionViewDaily(day=row["day"], section=row["section"], views=row["n"]) for row in sums], batch_size=5000)


def rebuild_month(month: dt.date) -> None:
    from oversight.models import PageViewDaily, PageViewMonthly

    with transaction.atomic():
        PageViewMonthly.objects.filter(month=month).delete()
        sums = (PageViewDaily.objects.filter(day__gte=month, day__lt=next_month(month)).values("path", "section")
                .annotate(n=Sum("views")).order_by())
        PageViewMonthly.objects.bulk_create(
            [PageViewMonthly(month=month, path=row["path"], section=row["section"], views=row["n"]) for row in sums],
            batch_size=5000)


def rollup_page_views(everything: bool = False, today: dt.date | None = None) -> int:
    """Rebuild the roll-ups; returns how many months were rebuilt."""
    from oversight.models import PageViewDaily

    today = today or timezone.localdate()
    if everything:
        bounds = PageViewDaily.objects.aggregate(first=Min("day"), last=Max("day"))
        if bounds["first"] is None:
            return 0
        first, last = bounds["first"], bounds["last"]
    else:
        first, last = today - dt.timedelta(days=2), today
    rebuild_days(first, last)
    month, rebuilt = month_start(first), 0
    while month <= last:
        rebuild_month(month)
        month, rebuilt = next_month(month), rebuilt + 1
    return rebuilt


@register_check("page_view_rollups")
def periodic_rollup() -> int:
    return rollup_page_views()
