"""Service to citizens: interaction volume, on-time answers and satisfaction per department, and
好差评 scores per department and guide — from the interaction app when it is installed (read
through its public fields only), otherwise empty tables that say so."""
from __future__ import annotations

from django.apps import apps
from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.stats.base import Filters, Report, department_names, percent, register_report, scoped

GROUP = gettext_lazy("服务群众")
SATISFIED = ("satisfied", "basic")  # interaction.status.Satisfaction: 满意, 基本满意
MISSING = gettext_lazy("互动交流模块未安装。")


@register_report("interaction_service", gettext_lazy("互动交流办理情况"), GROUP)
def interaction_service(filters: Filters) -> Report:
    columns = [_("部门"), _("受理量"), _("已答复"), _("按时答复率（%）"), _("评价数"), _("满意率（%）")]
    if not apps.is_installed("interaction"):
        return Report("interaction_service", _("互动交流办理情况"), columns, note=str(MISSING))
    Interaction = apps.get_model("interaction", "Interaction")
    names = department_names(filters)
    items = scoped(Interaction.objects.filter(submitted_at__gte=filters.start, submitted_at__lt=filters.end), filters)
    figures = items.values("department_id").annotate(
        n=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)),
        on_time=Count("id", filter=Q(answered_at__isnull=False, answered_at__lte=F("deadline"))),
        rated=Count("id", filter=~Q(satisfaction="")),
        satisfied=Count("id", filter=Q(satisfaction__in=SATISFIED))).order_by("-n")
    rows = [[names.get(row["department_id"], _("（未指定部门）")), row["n"], row["answered"],
             percent(row["on_time"], row["answered"]), row["rated"], percent(row["satisfied"], row["rated"])]
            for row in figures]
    return Report("interaction_service", _("互动交流办理情况"), columns, rows, chart="hbar", chart_value=1)


@register_report("service_ratings", gettext_lazy("好差评（按部门）"), GROUP)
def service_ratings(filters: Filters) -> Report:
    columns = [_("部门"), _("评价数"), _("平均分（5 分制）"), _("差评数"), _("差评率（%）")]
    if not apps.is_installed("interaction"):
        return Report("service_ratings", _("好差评（按部门）"), columns, note=str(MISSING))
    Rating = apps.get_model("interaction", "ServiceRating")
    names = department_names(filters)
    ratings = scoped(Rating.objects.filter(created_at__gte=filters.start, created_at__lt=filters.end), filters)
    figures = ratings.values("department_id").annotate(n=Count("id"), avg=Avg("grade"),
                                                       bad=Count("id", filter=Q(grade__lte=2))).order_by("-n")
    rows = [[names.get(row["department_id"], "—"), row["n"], round(row["avg"] or 0, 2), row["bad"], percent(row["bad"], row["n"])]
            for row in figures]
    return Report("service_ratings", _("好差评（按部门）"), columns, rows, chart="hbar", chart_value=2)


@register_report("guide_ratings", gettext_lazy("好差评（按办事指南）"), GROUP)
def guide_ratings(filters: Filters) -> Report:
    columns = [_("办事指南"), _("评价数"), _("平均分（5 分制）"), _("差评数")]
    if not apps.is_installed("interaction"):
        return Report("guide_ratings", _("好差评（按办事指南）"), columns, note=str(MISSING))
    Rating = apps.get_model("interaction", "ServiceRating")
    ratings = scoped(Rating.objects.filter(created_at__gte=filters.start, created_at__lt=filters.end), filters)
    figures = list(ratings.values("page_id", "page__title").annotate(
        n=Count("id"), avg=Avg("grade"), bad=Count("id", filter=Q(grade__lte=2))).order_by("-n")[:30])
    rows = [[row["page__title"], row["n"], round(row["avg"] or 0, 2), row["bad"]] for row in figures]
    return Report("guide_ratings", _("好差评（按办事指南）"), columns, rows, chart="hbar", chart_value=2)


@register_report("workflow_efficiency", gettext_lazy("内容审核效能"), GROUP)
def workflow_efficiency(filters: Filters) -> Report:
    from oversight.board import build_board

    names = department_names(filters)
    board = build_board("workflow", filters.start, filters.end, filters.departments, names)
    rows = [[row.name, row.finished, row.on_time_percent, round((row.avg_seconds or 0) / 3600, 1),
             round((row.p90_seconds or 0) / 3600, 1), row.red_cards] for row in board.rows]
    return Report("workflow_efficiency", _("内容审核效能"),
                  [_("部门"), _("办结"), _("按时率（%）"), _("平均用时（小时）"), _("90% 用时（小时）"), _("红牌")],
                  rows, chart="hbar", chart_value=2, chart_unit="%", summary=board.total.on_time_percent)
