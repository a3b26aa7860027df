"""The annual 政府信息公开 statistics table (主动公开情况), for the whole government and per
department, ready to paste into the yearly report: items proactively disclosed in the year by
type, normative documents issued and repealed, and those in force at the end of the year."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.vocabulary import PolicyStatus
from oversight.stats.base import Filters, Report, department_names, register_report, scoped

GROUP = gettext_lazy("政府信息公开年报")
REPEALED = (PolicyStatus.REPEALED, PolicyStatus.INVALID)


def year_bounds(year: int):
    zone = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


@register_report("disclosure_annual", gettext_lazy("政府信息公开年度统计（主动公开）"), GROUP)
def annual(filters: Filters) -> Report:
    from cms.models import NoticePage, PolicyPage, ServiceGuidePage

    year = filters.last_day.year
    start, end = year_bounds(year)
    names = department_names(filters)
    table: dict[int, list[int]] = {pk: [0] * 6 for pk in names}

    def add(column: int, queryset):
        for row in scoped(queryset, Filters(start, end, filters.departments)).values("department_id").annotate(n=Count("id")).order_by():
            table.setdefault(row["department_id"], [0] * 6)[column] += row["n"]

    in_year = {"published_at__gte": start, "published_at__lt": end}
    add(0, ServiceGuidePage.objects.live().filter(**in_year))
    add(1, NoticePage.objects.live().filter(**in_year))
    add(2, PolicyPage.objects.live().filter(**in_year))
    add(3, PolicyPage.objects.live().filter(status__in=REPEALED).filter(
        Q(last_published_at__gte=start, last_published_at__lt=end)))
    add(4, PolicyPage.objects.live().filter(published_at__lt=end).exclude(status__in=REPEALED))
    rows = []
    for pk, values in table.items():
        values[5] = values[0] + values[1] + values[2]
        if any(values):
            rows.append([names.get(pk, "—"), *values])
    rows.sort(key=lambda row: (-row[-1], row[0]))
    total = [_("全市合计"), *[sum(row[i] for row in rows) for i in range(1, 7)]]
    return Report("disclosure_annual", _("%(year)d 年政府信息公开统计（主动公开）") % {"year": year},
                  [_("部门"), _("办事指南"), _("通知公告"), _("政策文件（制发）"), _("政策文件（废止、失效）"),
                   _("现行有效政策文件"), _("主动公开合计")], [*rows, total] if rows else [],
                  note=_("统计年度：%(year)d 年（取筛选截止日期所在年度）；发布日期以“发布时间”为准。") % {"year": year})
