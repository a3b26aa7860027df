"""Which widgets a user may see, their default layout (role and department layouts merged) and
their own arrangement.

Visibility is the single gate for every view: a widget with roles is visible only to users in at
least one of them; one with departments only to users in one of those departments.
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from portal.identity import user_department
from portal.models import MAX_HEIGHT, MAX_WIDTH, DefaultLayout, PersonalLayout, WidgetDefinition
from portal.registry import widget_types

MAX_ITEMS = 40


class LayoutError(ValueError):
    """A personal layout the API refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400, field: str = "items"):
        super().__init__(message)
        self.status = status
        self.field = field


def visible_widgets(user) -> dict[str, WidgetDefinition]:
    """Enabled widgets the user may see, by key."""
    if not user.is_authenticated:
        return {}
    group_ids = list(user.groups.values_list("id", flat=True))
    candidates = (
        WidgetDefinition.objects.filter(enabled=True)
        .filter(Q(roles__isnull=True) | Q(roles__in=group_ids))
        .distinct()
    )
    department = user_department(user)
    return {w.key: w for w in candidates if not w.departments or department in w.departments}


def _item(key: str, width, height) -> dict:
    return {"widget": key, "width": int(width), "height": int(height)}


def default_items(user, visible: dict | None = None) -> list[dict]:
    """Merge the layouts of every role the user has and of their department, everyone's first by
    priority; a widget that several layouts share appears once, at its first place."""
    visible = visible_widgets(user) if visible is None else visible
    department = user_department(user)
    group_ids = list(user.groups.values_list("id", flat=True))
    layouts = (
        DefaultLayout.objects.filter(Q(role__isnull=True) | Q(role__in=group_ids))
        .filter(Q(department="") | Q(department=department))
        .prefetch_related("slots__widget")
        .order_by("priority", "name")
    )
    items, seen = [], set()
    for layout in layouts:
        for slot in layout.slots.all():
            key = slot.widget.key
            if key in visible and key not in seen:
                seen.add(key)
                items.append(_item(key, slot.width, slot.height))
    return items


def user_items(user, visible: dict | None = None) -> tuple[list[dict], bool]:
    """``(items, personal)``: the user's own layout if they saved one, else the default.
    Widgets the user may no longer see (roles changed) drop out of a saved layout."""
    visible = visible_widgets(user) if visible is None else visible
    personal = PersonalLayout.objects.filter(user=user).first()
    if personal is None:
        return default_items(user, visible), False
    return [item for item in personal.items if item.get("widget") in visible], True


def clean_items(raw, visible: dict) -> list[dict]:
    """Validate a layout sent by the browser; raise ``LayoutError`` (400, or 403 for a widget the
    user may not see, whether or not it exists)."""
    if not isinstance(raw, list):
        raise LayoutError(gettext("items 必须是数组"))
    if len(raw) > MAX_ITEMS:
        raise LayoutError(gettext("最多 %(n)s 个组件") % {"n": MAX_ITEMS})
    items, seen = [], set()
    for index, entry in enumerate(raw):
        where = f"items[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("widget"), str):
            raise LayoutError(gettext("每一项须为包含 widget 的对象"), field=where)
        key = entry["widget"]
        if key not in visible:
            raise LayoutError(gettext("无权使用组件 %(key)s") % {"key": key}, status=403, field=f"{where}.widget")
        if key in seen:
            raise LayoutError(gettext("组件 %(key)s 重复") % {"key": key}, field=f"{where}.widget")
        seen.add(key)
        default_width = widget_types.get(visible[key].widget_type).default_width if visible[key].widget_type in widget_types.entries else 1
        width, height = entry.get("width", default_width), entry.get("height", 1)
        for name, value, top in (("width", width, MAX_WIDTH), ("height", height, MAX_HEIGHT)):
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
                raise LayoutError(gettext("%(name)s 须为 1 到 %(top)s 的整数") % {"name": name, "top": top}, field=f"{where}.{name}")
        items.append(_item(key, width, height))
    return items


@transaction.atomic
def save_personal(user, items: list[dict]) -> None:
    PersonalLayout.objects.update_or_create(user=user, defaults={"items": items})


def reset_personal(user) -> None:
    PersonalLayout.objects.filter(user=user).delete()
