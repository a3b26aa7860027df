"""Publishing: items per month and type, per department, draft-to-publication time, items about
to expire, policies by validity. Counted on ``published_at`` (the item's official date)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.stats.base import Filters, Report, department_names, months_between, register_report, scoped

GROUP = gettext_lazy("信息发布")


def content_types() -> dict:
    from cms.models import CONTENT_TYPES

    return CONTENT_TYPES


def type_label(model) -> str:
    return str(model._meta.verbose_name)


def published(model, filters: Filters):
    queryset = model.objects.live().filter(published_at__gte=filters.start, published_at__lt=filters.end)
    return scoped(queryset, filters)


@register_report("publishing_by_month", gettext_lazy("各月发布量（按类型）"), GROUP)
def by_month(filters: Filters) -> Report:
    months = months_between(filters.first_day, filters.last_day)
    series = []
    for model in content_types().values():
        counts = {timezone.localtime(row["month"]).strftime("%Y-%m") if isinstance(row["month"], dt.datetime)
                  else row["month"].strftime("%Y-%m"): row["n"]
                  for row in published(model, filters).annotate(month=TruncMonth("published_at"))
                  .values("month").annotate(n=Count("id")).order_by()}
        series.append((type_label(model), [counts.get(month, 0) for month in months]))
    rows = [[month, *[values[i] for _name, values in series], sum(values[i] for _name, values in series)]
            for i, month in enumerate(months)]
    return Report("publishing_by_month", _("各月发布量（按类型）"), [_("月份"), *[name for name, _v in series], _("合计")],
                  rows, chart="columns", chart_categories=months, chart_series=series, chart_value=len(series) + 1)


@register_report("publishing_by_department", gettext_lazy("各部门发布量"), GROUP)
def by_department(filters: Filters) -> Report:
    names = department_names(filters)
    models = list(content_types().values())
    counts: dict[int, list[int]] = defaultdict(lambda: [0] * len(models))
    for index, model in enumerate(models):
        for row in published(model, filters).values("department_id").annotate(n=Count("id")).order_by():
            counts[row["department_id"]][index] = row["n"]
    rows = sorted(([names.get(pk, "—"), *values, sum(values)] for pk, values in counts.items()),
                  key=lambda row: (-row[-1], row[0]))
    return Report("publishing_by_department", _("各部门发布量"), [_("部门"), *[type_label(m) for m in models], _("合计")],
                  rows, chart="hbar", chart_value=len(models) + 1)


@register_report("time_to_publish", gettext_lazy("从起草到发布的用时"), GROUP)
def time_to_publish(filters: Filters) -> Report:
    """First revision (the draft) to Wagtail's first publication, averaged per department."""
    from wagtail.models import Revision

    names = department_names(filters)
    spans: dict[int, list[float]] = defaultdict(list)
    for model in content_types().values():
        content_type = ContentType.objects.get_for_model(model)
        first_revision = (Revision.objects.filter(content_type=content_type, object_id=Cast(OuterRef("pk"), CharField()))
                          .order_by("created_at").values("created_at")[:1])
        rows = (model.objects.live().filter(first_published_at__gte=filters.start, first_published_at__lt=filters.end)
                .annotate(drafted=Subquery(first_revision)).values_list("department_id", "drafted", "first_published_at"))
        for department_id, drafted, first_published in scoped(rows, filters):
            if drafted and first_published and first_published >= drafted:
                spans[department_id].append((first_published - drafted).total_seconds() / 3600)
    rows = sorted(([names.get(pk, "—"), len(values), round(sum(values) / len(values), 1), round(max(values), 1)]
                   for pk, values in spans.items()), key=lambda row: -row[2])
    return Report("time_to_publish", _("从起草到发布的用时"), [_("部门"), _("发布件数"), _("平均用时（小时）"), _("最长（小时）")],
                  rows, chart="hbar", chart_value=2, chart_unit=_("小时"))


@register_report("expiring", gettext_lazy("30 天内到期的内容"), GROUP)
def expiring(filters: Filters) -> Report:
    names = department_names(filters)
    now = timezone.now()
    rows = []
    for model in content_types().values():
        queryset = scoped(model.objects.live().filter(expires_at__gt=now, expires_at__lte=now + dt.timedelta(days=30)), filters)
        rows += [[names.get(page.department_id, "—"), page.title, type_label(model),
                  timezone.localtime(page.expires_at).strftime("%Y-%m-%d %H:%M")]
                 for page in queryset.only("title", "department_id", "expires_at")]
    rows.sort(key=lambda row: row[3])
    return Report("expiring", _("30 天内到期的内容"), [_("部门"), _("标题"), _("类型"), _("到期时间")], rows)


@register_report("policies_by_validity", gettext_lazy("政策文件效力状态"), GROUP)
def policies_by_validity(filters: Filters) -> Report:
    from cms.models import PolicyPage

    counts = scoped(PolicyPage.objects.live(), filters).values("status").annotate(n=Count("id")).order_by("-n")
    rows = [[row["status"] or "—", row["n"]] for row in counts]
    return Report("policies_by_validity", _("政策文件效力状态"), [_("状态"), _("件数")], rows, chart="hbar")
