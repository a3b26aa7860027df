"""Admin: time limits and department leader groups (设置 → 效能监察), the board and statistics in
the menu for those allowed to see them, and the warnings log (read-only)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from oversight import access
from oversight.models import DepartmentLeaders, TimeLimit


class TimeLimitViewSet(ModelViewSet):
    model = TimeLimit
    name = "oversight_time_limits"
    icon = "time"
    menu_label = _("办理时限")
    list_display = ["__str__", "department", "content_type", "task", "amount", "unit", "warn_percent"]
    list_filter = ["department", "unit"]
    form_fields = ["department", "content_type", "task", "amount", "unit", "warn_percent"]


class DepartmentLeadersViewSet(ModelViewSet):
    model = DepartmentLeaders
    name = "oversight_leaders"
    icon = "group"
    menu_label = _("部门领导组")
    list_display = ["department", "group"]
    form_fields = ["department", "group"]


class OversightSettingsGroup(ModelViewSetGroup):
    items = (TimeLimitViewSet, DepartmentLeadersViewSet)
    menu_label = _("效能监察设置")
    menu_icon = "time"
    menu_order = 950


@hooks.register("register_admin_viewset")
def register_oversight_settings():
    return OversightSettingsGroup()


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_see_any(request.user)


@hooks.register("register_admin_menu_item")
def register_board_menu_item():
    return BoardMenuItem(_("效能监察看板"), reverse("oversight:board"), icon_name="warning", order=60, name="oversight-board")
