"""CSV and XLSX exports of a department's queue (the same masked rows as the list)."""
from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from interaction.queue import row

MAX_ROWS = 50_000


def columns():
    return [
        (_("受理编号"), "tracking_number"), (_("类型"), "kind"), (_("标题"), "subject"), (_("承办部门"), "department"),
        (_("状态"), "status"), (_("承办人"), "assignee"), (_("姓名"), "name"), (_("电话"), "phone"),
        (_("提交时间"), "submitted_at"), (_("办理期限"), "deadline"), (_("期限状态"), "deadline_label"),
        (_("群众评价"), "satisfaction"),
    ]


def _value(r, attr):
    value = getattr(r, attr)
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def _safe_cell(value):
    """Spreadsheet formula injection: text starting with = + - @ is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def rows(items):
    now = timezone.now()
    for item in items[:MAX_ROWS]:
        yield row(item, now)


def export_csv(items, filename: str) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(out)
    cols = columns()
    writer.writerow([title for title, _ in cols])
    for r in rows(items):
        writer.writerow([_safe_cell(_value(r, attr)) for _, attr in cols])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "no-store, private"
    return response


def export_xlsx(items, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("互动事项"))
    cols = columns()
    sheet.append([title for title, _ in cols])
    for r in rows(items):
        sheet.append([_safe_cell(_value(r, attr)) for _, attr in cols])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    response["Cache-Control"] = "no-store, private"
    return response


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx}
