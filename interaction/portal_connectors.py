"""Portal widgets fed by this app through the portal's connector registry: "my items to handle"
and "my department's overdue items". Local connectors (database queries in the request's
thread); their output fits the built-in ``todo`` widget type (``items`` of title/url/date)."""
from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.registry import Connector, FetchContext, register_connector

LIMIT = {"type": "integer", "minimum": 1, "maximum": 50}


def _user(ctx: FetchContext):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=ctx.user_id, is_active=True).first()


def _items(queryset, limit: int) -> list[dict]:
    from interaction.deadlines import deadline_state

    items = []
    for item in queryset.select_related("department")[:limit]:
        state = deadline_state(item)
        items.append({
            "title": f"[{item.kind_label}] {item.subject}",
            "url": f"/admin/interaction/{item.pk}/",
            "date": item.deadline.isoformat(),
            "status": item.get_status_display(),
            "deadline_state": state.key,
            "label": state.label,
            "meta": gettext("%(status)s · 期限 %(deadline)s · %(state)s") % {
                "status": item.get_status_display(), "deadline": f"{item.deadline:%Y-%m-%d}", "state": state.label},
        })
    return items


@register_connector
class MyInteractions(Connector):
    name = "interaction_mine"
    label = _("互动交流：我的待办")
    remote = False
    config_schema = {"type": "object", "additionalProperties": False, "properties": {"limit": LIMIT}}

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        from interaction.models import Interaction

        user = _user(ctx)
        if user is None:
            return {"items": [], "count": 0}
        mine = Interaction.objects.open().filter(assignee=user).order_by("deadline")
        return {"items": _items(mine, config.get("limit", 5)), "count": mine.count()}


@register_connector
class DepartmentOverdue(Connector):
    name = "interaction_overdue"
    label = _("互动交流：本部门超期事项")
    remote = False
    config_schema = {"type": "object", "additionalProperties": False, "properties": {"limit": LIMIT}}

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        from interaction.access import visible_items

        user = _user(ctx)
        if user is None:
            return {"items": [], "count": 0}
        overdue = visible_items(user).overdue().order_by("deadline")
        return {"items": _items(overdue, config.get("limit", 5)), "count": overdue.count()}
