"""The monitoring board's figures, aggregated in the database: one grouped query for the items in
progress, one for the period, and one for the 90th percentiles (``percentile_disc`` on
PostgreSQL, an index-only ordered read elsewhere), each answered from a covering index.

*Now*: items in progress and how many of them carry a yellow or red card at this moment.
*Period* (items finished in the chosen date range): how many, on-time rate, average and 90th
percentile handling time, how many got a yellow or red card (a red card stays when finished late).
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Aggregate, Avg, Count, FloatField, Q
from django.utils.translation import gettext as _

from oversight.models import Level, MonitoredItem


@dataclass
class DepartmentRow:
    department_id: int | None
    name: str = ""
    in_progress: int = 0
    yellow_now: int = 0
    red_now: int = 0
    finished: int = 0
    on_time: int = 0
    avg_seconds: float | None = None
    p90_seconds: float | None = None
    yellow_cards: int = 0
    red_cards: int = 0

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.finished, 1) if self.finished else None


@dataclass
class Board:
    source: str
    rows: list[DepartmentRow] = field(default_factory=list)

    @property
    def total(self) -> DepartmentRow:
        total = DepartmentRow(None, _("合计"))
        for row in self.rows:
            for name in ("in_progress", "yellow_now", "red_now", "finished", "on_time", "yellow_cards", "red_cards"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        weighted = [(row.avg_seconds, row.finished) for row in self.rows if row.avg_seconds is not None]
        if weighted:
            total.avg_seconds = sum(a * n for a, n in weighted) / max(sum(n for _a, n in weighted), 1)
        return total


def items_for(source: str, departments=None):
    queryset = MonitoredItem.objects.filter(source=source)
    if departments is not None:
        queryset = queryset.filter(department_id__in=list(departments))
    return queryset


def finished_between(queryset, start, end):
    return queryset.filter(finished_at__gte=start, finished_at__lt=end)


class PercentileDisc(Aggregate):
    """PostgreSQL's ``percentile_disc(f) WITHIN GROUP (ORDER BY expr)`` (nearest rank)."""

    function = "percentile_disc"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), output_field=FloatField(), **extra)


def nearest_rank(ordered: list, fraction: float):
    if not ordered:
        return None
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def percentiles_by_department(queryset, fraction: float) -> dict:
    """``{department_id: percentile of duration_seconds}`` in one query: grouped ``percentile_disc``
    on PostgreSQL; elsewhere one ordered, index-only read of (department, duration) pairs."""
    if connection.vendor == "postgresql":
        return dict(queryset.values("department_id").annotate(p=PercentileDisc("duration_seconds", fraction))
                    .order_by().values_list("department_id", "p"))
    # elsewhere (SQLite): window functions pick the nearest-rank row of each department in the database
    inner, params = queryset.values("department_id", "duration_seconds").order_by().query.sql_with_params()
    rank = int(round(fraction * 100))
    sql = (f"SELECT department_id, duration_seconds FROM (SELECT department_id, duration_seconds, "
           f"ROW_NUMBER() OVER (PARTITION BY department_id ORDER BY duration_seconds) AS rn, "
           f"COUNT(*) OVER (PARTITION BY department_id) AS cnt FROM ({inner}) AS finished) AS ranked "
           f"WHERE rn = (cnt * {rank} + 99) / 100")  # integer ceil(fraction · cnt) for whole percents
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def period_figures(base, source: str, start, end, departments) -> tuple[list[dict], dict]:
    """Figures of the items finished in ``[start, end)``, kept ``OVERSIGHT_STATS_CACHE_SECONDS`` in
    the shared cache (finished items do not change; the in-progress figures are never cached)."""
    key = "oversight:board:" + hashlib.sha256(
        f"{source}|{start.isoformat()}|{end.isoformat()}|{sorted(departments) if departments is not None else None}".encode()
    ).hexdigest()
    seconds = settings.OVERSIGHT_STATS_CACHE_SECONDS
    cached = cache.get(key) if seconds else None
    if cached is not None:
        return cached
    finished = finished_between(base, start, end)
    period = list(finished.values("department_id").annotate(
        n=Count("id"), on_time=Count("id", filter=Q(on_time=True)), avg=Avg("duration_seconds"),
        yellow=Count("id", filter=Q(yellow_card=True)), red=Count("id", filter=Q(red_card=True))).order_by())
    result = (period, percentiles_by_department(finished, 0.9))
    if seconds:
        cache.set(key, result, seconds)
    return result


def build_board(source: str, start, end, departments=None, names: dict | None = None) -> Board:
    """One row per department that has open items or items finished in ``[start, end)``."""
    base = items_for(source, departments)
    rows: dict[int | None, DepartmentRow] = {}
    now_figures = (base.filter(finished_at__isnull=True).values("department_id")
                   .annotate(n=Count("id"), yellow=Count("id", filter=Q(level=Level.YELLOW)),
                             red=Count("id", filter=Q(level=Level.RED))))
    for figure in now_figures:
        row = rows.setdefault(figure["department_id"], DepartmentRow(figure["department_id"]))
        row.in_progress, row.yellow_now, row.red_now = figure["n"], figure["yellow"], figure["red"]
    period, p90 = period_figures(base, source, start, end, departments)
    for figure in period:
        row = rows.setdefault(figure["department_id"], DepartmentRow(figure["department_id"]))
        row.finished, row.on_time, row.avg_seconds = figure["n"], figure["on_time"], figure["avg"]
        row.yellow_cards, row.red_cards = figure["yellow"], figure["red"]
        row.p90_seconds = p90.get(figure["department_id"])
    names = names or {}
    for row in rows.values():
        row.name = names.get(row.department_id, "") or (_("（未指定部门）") if row.department_id is None else str(row.department_id))
    return Board(source, sorted(rows.values(), key=lambda row: (-row.red_now, -row.in_progress, row.name)))


DRILL_STATES = {
    "open": Q(finished_at__isnull=True),
    "yellow": Q(finished_at__isnull=True, level=Level.YELLOW),
    "red": Q(finished_at__isnull=True, level=Level.RED),
    "late": Q(finished_at__isnull=False, on_time=False),
    "finished": Q(finished_at__isnull=False),
}


def drill_down(source: str, department_id, state: str, start, end):
    queryset = MonitoredItem.objects.filter(source=source, department_id=department_id)
    if state in ("late", "finished"):
        queryset = finished_between(queryset, start, end)
    return queryset.filter(DRILL_STATES[state]).order_by("due_at", "started_at")


def humanize_seconds(seconds) -> str:
    if seconds is None:
        return "—"
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours = rest // 3600
    if days:
        return _("%(days)d天%(hours)d小时") % {"days": days, "hours": hours}
    minutes = (rest % 3600) // 60
    if hours:
        return _("%(hours)d小时%(minutes)d分") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d分") % {"minutes": minutes}
