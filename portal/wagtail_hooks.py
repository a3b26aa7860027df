"""Wagtail admin: widget definitions and default layouts as snippets under “工作门户”."""
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.models import DefaultLayout, WidgetDefinition
from django.utils.translation import gettext_lazy as _


class WidgetDefinitionViewSet(SnippetViewSet):
    model = WidgetDefinition
    icon = "table"
    menu_label = _("门户组件")
    list_display = ["title", "key", "widget_type", "backend", "enabled"]
    list_filter = ["widget_type", "enabled"]
    search_fields = ["title", "key"]


class DefaultLayoutViewSet(SnippetViewSet):
    model = DefaultLayout
    icon = "grip"
    menu_label = _("默认布局")
    list_display = ["name", "role", "department", "priority"]


class PortalViewSetGroup(SnippetViewSetGroup):
    items = (WidgetDefinitionViewSet, DefaultLayoutViewSet)
    menu_icon = "home"
    menu_label = _("工作门户")
    menu_name = "portal"


register_snippet(PortalViewSetGroup)
