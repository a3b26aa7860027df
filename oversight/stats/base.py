"""Reports: each a function of the filters returning a ``Report`` (a table, optionally a chart).

A report is registered with ``@register_report(key, title, group)``; the page lists them by
group, ``export`` writes any of them as CSV or XLSX, and portal widgets read a report's series.
Everything is aggregated in the database (grouped queries, daily pre-aggregated page views).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Filters:
    start: dt.datetime  # inclusive, aware
    end: dt.datetime  # exclusive, aware
    departments: tuple[int, ...] | None = None  # None: every department

    @property
    def first_day(self) -> dt.date:
        from django.utils import timezone

        return timezone.localtime(self.start).date()

    @property
    def last_day(self) -> dt.date:
        from django.utils import timezone

        return timezone.localtime(self.end - dt.timedelta(microseconds=1)).date()


@dataclass
class Report:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = ""  # "hbar" (first column label, value column chart_value) or "columns"
    chart_value: int = 1
    chart_unit: str = ""
    chart_categories: list[str] = field(default_factory=list)  # for "columns"
    chart_series: list[tuple[str, list[float]]] = field(default_factory=list)
    note: str = ""
    summary: float | int | None = None  # one headline figure (a widget's big number); None: the column's sum

    def series(self) -> list[dict]:
        """``[{"label", "value"}]`` for widgets (first column and the chart's value column)."""
        return [{"label": str(row[0]), "value": row[self.chart_value] or 0} for row in self.rows]


@dataclass(frozen=True)
class ReportSpec:
    key: str
    title: str
    group: str
    build: Callable[[Filters], Report]


_reports: dict[str, ReportSpec] = {}


def register_report(key: str, title, group):
    def decorator(fn):
        _reports[key] = ReportSpec(key, str(title), str(group), fn)
        return fn

    return decorator


def get_report(key: str) -> ReportSpec:
    return _reports[key]


def all_reports() -> list[ReportSpec]:
    return list(_reports.values())


def department_names(filters: Filters) -> dict[int, str]:
    from cms.models import Department

    queryset = Department.objects.all()
    if filters.departments is not None:
        queryset = queryset.filter(pk__in=filters.departments)
    return dict(queryset.values_list("pk", "name"))


def scoped(queryset, filters: Filters, field_name: str = "department_id"):
    if filters.departments is None:
        return queryset
    return queryset.filter(**{f"{field_name}__in": filters.departments})


def percent(part, whole) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def months_between(first: dt.date, last: dt.date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
