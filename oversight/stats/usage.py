"""Public use: page views per section and day (the platform's own daily counters), top pages and
service guides, top and zero-result searches with their click-through."""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.stats.base import Filters, Report, percent, register_report

GROUP = gettext_lazy("公众访问")
SECTION_LABELS = {"": gettext_lazy("首页"), "services": gettext_lazy("办事指南"), "notices": gettext_lazy("通知公告"),
                  "policies": gettext_lazy("政策文件"), "search": gettext_lazy("站内搜索"),
                  "consult": gettext_lazy("互动交流"), "feedback": gettext_lazy("互动交流")}
DEPARTMENT_SECTIONS = ("services", "notices", "policies")


def views(filters: Filters):
    from oversight.models import PageViewDaily

    queryset = PageViewDaily.objects.filter(day__gte=filters.first_day, day__lte=filters.last_day)
    if filters.departments is not None:
        from cms.models import Department

        slugs = Department.objects.filter(pk__in=filters.departments).values_list("slug", flat=True)
        condition = Q(pk__in=[])
        for slug in slugs:
            for section in DEPARTMENT_SECTIONS:
                condition |= Q(path__startswith=f"/{section}/{slug}/")
        queryset = queryset.filter(condition)
    return queryset


def section_sums(filters: Filters):
    """Views per (day, section): the roll-up for the whole site, the daily counters for departments."""
    if filters.departments is None:
        from oversight.models import SectionViewDaily

        return SectionViewDaily.objects.filter(day__gte=filters.first_day, day__lte=filters.last_day)
    return views(filters)


@register_report("views_by_section", gettext_lazy("各栏目浏览量"), GROUP)
def by_section(filters: Filters) -> Report:
    merged: dict[str, int] = {}
    for row in section_sums(filters).values("section").annotate(n=Sum("views")).order_by("-n"):
        label = str(SECTION_LABELS.get(row["section"], row["section"]))
        merged[label] = merged.get(label, 0) + row["n"]
    rows = sorted(([label, n] for label, n in merged.items()), key=lambda row: -row[1])
    return Report("views_by_section", _("各栏目浏览量"), [_("栏目"), _("浏览量")], rows, chart="hbar")


@register_report("views_by_day", gettext_lazy("每日浏览量"), GROUP)
def by_day(filters: Filters) -> Report:
    counts = dict(section_sums(filters).values_list("day").annotate(n=Sum("views")).order_by())
    days, day = [], filters.first_day
    while day <= filters.last_day:
        days.append(day)
        day = day.fromordinal(day.toordinal() + 1)
    rows = [[day.isoformat(), counts.get(day, 0)] for day in days]
    return Report("views_by_day", _("每日浏览量"), [_("日期"), _("浏览量")], rows, chart="columns",
                  chart_categories=[day.strftime("%m-%d") for day in days],
                  chart_series=[(_("浏览量"), [row[1] for row in rows])])


def path_sums(filters: Filters, section: str | None = None) -> dict[str, int]:
    """Views per path over the range: whole months from the monthly roll-up, the days at either
    end from the daily counters (departments: the daily counters only)."""
    from oversight.models import PageViewMonthly
    from oversight.rollups import month_start, next_month

    def daily(first, last):
        queryset = views(Filters(filters.start, filters.end, filters.departments)).filter(day__gte=first, day__lte=last)
        return queryset.filter(section=section) if section is not None else queryset

    first, last = filters.first_day, filters.last_day
    full_from = first if first.day == 1 else next_month(first)
    full_to = month_start(last + dt.timedelta(days=1))  # exclusive: the first month not wholly inside
    sums: dict[str, int] = {}
    if filters.departments is not None or full_from >= full_to:
        parts = [daily(first, last)]
    else:
        monthly = PageViewMonthly.objects.filter(month__gte=full_from, month__lt=full_to)
        if section is not None:
            monthly = monthly.filter(section=section)
        parts = [monthly, daily(first, full_from - dt.timedelta(days=1)), daily(full_to, last)]
    for part in parts:
        for path, n in part.values_list("path").annotate(n=Sum("views")).order_by():
            sums[path] = sums.get(path, 0) + n
    return sums


def _titles(paths: list[str]) -> dict[str, str]:
    """Page titles for site paths (the default site's tree)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    root = site.root_page.url_path
    from wagtail.models import Page

    by_url = dict(Page.objects.filter(url_path__in=[root + path.lstrip("/") for path in paths]).values_list("url_path", "title"))
    return {path: by_url.get(root + path.lstrip("/"), "") for path in paths}


def _top(sums: dict[str, int], limit: int):
    top = sorted(sums.items(), key=lambda item: (-item[1], item[0]))[:limit]
    titles = _titles([path for path, _n in top])
    return [[titles.get(path) or path, path, n] for path, n in top]


@register_report("top_pages", gettext_lazy("访问最多的页面"), GROUP)
def top_pages(filters: Filters) -> Report:
    return Report("top_pages", _("访问最多的页面"), [_("页面"), _("地址"), _("浏览量")], _top(path_sums(filters), 20),
                  chart="hbar", chart_value=2)


@register_report("top_guides", gettext_lazy("访问最多的办事指南"), GROUP)
def top_guides(filters: Filters) -> Report:
    # a guide is /services/<department>/<slug>/: the index and department sections are not guides
    guides = {path: n for path, n in path_sums(filters, "services").items() if len(path.strip("/").split("/")) >= 3}
    return Report("top_guides", _("访问最多的办事指南"), [_("办事指南"), _("地址"), _("浏览量")],
                  _top(guides, 10), chart="hbar", chart_value=2)


def _searches(filters: Filters):
    from search.models import QueryLog

    return QueryLog.objects.filter(created_at__gte=filters.start, created_at__lt=filters.end)


def _clicks(filters: Filters):
    from search.models import ClickLog

    return ClickLog.objects.filter(created_at__gte=filters.start, created_at__lt=filters.end)


@register_report("top_searches", gettext_lazy("热门搜索词与点击率"), GROUP)
def top_searches(filters: Filters) -> Report:
    top = list(_searches(filters).values("query").annotate(n=Count("id")).order_by("-n", "query")[:20])
    clicks = dict(_clicks(filters).filter(query__in=[row["query"] for row in top]).values_list("query")
                  .annotate(n=Count("id")).order_by())
    rows = [[row["query"], row["n"], clicks.get(row["query"], 0), percent(clicks.get(row["query"], 0), row["n"])]
            for row in top]
    total_searches, total_clicks = _searches(filters).count(), _clicks(filters).count()
    return Report("top_searches", _("热门搜索词与点击率"), [_("搜索词"), _("搜索次数"), _("点击次数"), _("点击率（%）")], rows,
                  chart="hbar", note=_("全部搜索 %(searches)d 次，点击结果 %(clicks)d 次，总点击率 %(rate)s%%。") % {
                      "searches": total_searches, "clicks": total_clicks,
                      "rate": percent(total_clicks, total_searches) if total_searches else "—"})


@register_report("zero_result_searches", gettext_lazy("无结果的搜索"), GROUP)
def zero_results(filters: Filters) -> Report:
    rows = [[row["query"], row["n"]] for row in _searches(filters).filter(results=0).values("query")
            .annotate(n=Count("id")).order_by("-n", "query")[:20]]
    return Report("zero_result_searches", _("无结果的搜索"), [_("搜索词"), _("次数")], rows, chart="hbar")
