"""Portal connectors for leaders (局领导), built on the same queries as the statistics page and
the board, limited to the departments the signed-in user may see (``oversight.access``):

* ``oversight_report`` — any registered report as a ``stat`` widget series (e.g. page views per
  day, on-time rate per department) over the last ``days`` days;
* ``oversight_alerts`` — the open items with a yellow or red card, as a ``todo`` widget list.
"""
from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight import access
from oversight.models import Level, MonitoredItem
from oversight.stats import Filters, all_reports, get_report
from portal.registry import Connector, FetchContext, register_connector


def _scope(ctx: FetchContext, own_only: bool):
    """Department ids for the user (None: all); refuses users who may see none."""
    user = get_user_model().objects.get(pk=ctx.user_id)
    visible = access.visible_departments(user)
    if visible is not access.ALL and not visible:
        raise PermissionError("this user may not see efficiency figures")
    if own_only and ctx.department:
        from cms.models import Department

        own = Department.objects.filter(name=ctx.department).values_list("pk", flat=True).first()
        if own is not None and (visible is access.ALL or own in visible):
            return (own,)
    return None if visible is access.ALL else tuple(sorted(visible))


@register_connector
class ReportConnector(Connector):
    name = "oversight_report"
    label = gettext_lazy("统计分析：报表")
    remote = False

    @property
    def config_schema(self):
        return {"type": "object", "required": ["report"], "additionalProperties": False, "properties": {
            "report": {"enum": [spec.key for spec in all_reports()]},
            "days": {"type": "integer", "minimum": 1, "maximum": 366},
            "own_department": {"type": "boolean"},
        }}

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        end = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
        filters = Filters(end - dt.timedelta(days=config.get("days", 30)), end, _scope(ctx, config.get("own_department", True)))
        report = get_report(config["report"]).build(filters)
        series = report.series()
        value = report.summary if report.summary is not None else sum(
            point["value"] for point in series if isinstance(point["value"], (int, float)))
        return {"label": report.title, "series": series[:31], "value": value}


@register_connector
class AlertsConnector(Connector):
    name = "oversight_alerts"
    label = gettext_lazy("效能监察：红黄牌事项")
    remote = False
    config_schema = {"type": "object", "additionalProperties": False,
                     "properties": {"limit": {"type": "integer", "minimum": 1, "maximum": 50},
                                    "own_department": {"type": "boolean"}}}

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        scope = _scope(ctx, config.get("own_department", False))
        items = MonitoredItem.objects.filter(finished_at__isnull=True, level__in=[Level.RED, Level.YELLOW])
        if scope is not None:
            items = items.filter(department_id__in=scope)
        count = items.count()
        red_first = Case(When(level=Level.RED, then=Value(0)), default=Value(1), output_field=IntegerField())
        listed = items.select_related("department").order_by(red_first, "due_at")[:config.get("limit", 5)]
        return {"count": count, "link": reverse("oversight:board"), "items": [
            {"title": f"{_('【红牌】') if item.level == Level.RED else _('【黄牌】')}{item.title}", "url": item.link,
             "meta": f"{item.department.name if item.department else ''} · {timezone.localtime(item.due_at):%m-%d %H:%M}"
             if item.due_at else ""} for item in listed]}
