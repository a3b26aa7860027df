"""The statistics page (决策支持) and its CSV/XLSX export: the same registered reports, the same
date-range and department filter, each viewer limited to the departments they may see."""
from __future__ import annotations

import csv
import hashlib
import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from oversight import access
from oversight.charts import column_chart, hbar_chart
from oversight.filters import RangeForm
from oversight.stats import Filters, all_reports, get_report
from oversight.views import departments_for

FORMATS = ("csv", "xlsx")


def filters_from(request):
    """``(form, filters)``; ``filters`` is None when the form is invalid."""
    departments = list(departments_for(request.user))
    form = RangeForm(request.GET or {}, departments=departments)
    if not form.is_valid():
        return form, None
    start, end = form.bounds()
    visible = access.visible_departments(request.user)
    chosen = form.cleaned_data.get("department")
    if chosen:
        scope = (chosen,)
    elif visible is access.ALL:
        scope = None
    else:
        scope = tuple(sorted(visible))
    return form, Filters(start, end, scope)


def cached_report(spec, filters: Filters):
    """A report's result, kept ``OVERSIGHT_STATS_CACHE_SECONDS`` in the shared cache: the figures come
    from daily counters and finished items, so a few minutes' delay costs nothing and repeated views
    (and exports right after viewing) do not aggregate again."""
    seconds = settings.OVERSIGHT_STATS_CACHE_SECONDS
    if not seconds:
        return spec.build(filters)
    key = "oversight:report:" + hashlib.sha256(
        f"{spec.key}|{filters.start.isoformat()}|{filters.end.isoformat()}|{filters.departments}|{get_language()}".encode()
    ).hexdigest()
    report = cache.get(key)
    if report is None:
        report = spec.build(filters)
        cache.set(key, report, seconds)
    return report


def chart_of(report) -> str:
    if report.chart == "hbar" and report.rows:
        return hbar_chart([(str(row[0]), row[report.chart_value] or 0) for row in report.rows[:15]],
                          title=report.title, unit=report.chart_unit)
    if report.chart == "columns":
        return column_chart(report.chart_categories, report.chart_series, title=report.title)
    return ""


@never_cache
@login_required
@require_GET
def statistics(request):
    form, filters = filters_from(request)
    if filters is None:
        return render(request, "oversight/statistics.html", {"form": form, "groups": []}, status=400)
    groups: dict[str, list] = {}
    for spec in all_reports():
        report = cached_report(spec, filters)
        groups.setdefault(spec.group, []).append({"report": report, "chart": chart_of(report)})
    return render(request, "oversight/statistics.html", {
        "form": form, "groups": list(groups.items()), "query": request.GET.urlencode(), "formats": FORMATS,
    })


@never_cache
@login_required
@require_GET
def export(request, key: str, fmt: str):
    try:
        spec = get_report(key)
    except KeyError:
        return HttpResponse(_("没有这个统计表。"), status=404, content_type="text/plain; charset=utf-8")
    if fmt not in FORMATS:
        return HttpResponse(_("导出格式只能是 CSV 或 XLSX。"), status=400, content_type="text/plain; charset=utf-8")
    form, filters = filters_from(request)
    if filters is None:
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    report = cached_report(spec, filters)
    name = f"{key}-{filters.first_day:%Y%m%d}-{filters.last_day:%Y%m%d}.{fmt}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(report.columns)
        writer.writerows([[_cell(value) for value in row] for row in report.rows])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")  # BOM: Excel reads UTF-8
    else:
        response = HttpResponse(_xlsx(report, filters), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _cell(value):
    """Neutralise spreadsheet formulas in text cells (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _xlsx(report, filters) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = report.key[:31]
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("统计区间"), f"{filters.first_day:%Y-%m-%d} — {filters.last_day:%Y-%m-%d}",
                  _("生成时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    sheet.append(report.columns)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in report.rows:
        sheet.append([_cell(value) for value in row])
    if report.note:
        sheet.append([])
        sheet.append([report.note])
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(10, width * 2), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
