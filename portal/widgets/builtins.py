"""The built-in widget types: to-do/approvals, notices, calendar, statistics card, application
launcher, message centre. Each shapes what its connector returned into its own JSON and renders
it with its template; links are kept only when they are http(s) or site-relative.
"""
from __future__ import annotations

from django.conf import settings as django_settings
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _

from portal.registry import FetchContext, WidgetType, register_widget_type
from portal.widgets.charts import CHARTS
from config.safe_url import safe_url  # the one output rule for links (http(s) or a same-site path)

MAX_ITEMS = {"type": "integer", "minimum": 1, "maximum": 50}
URL = {"type": "string", "pattern": "^(https?://|/)"}
# An application's address may start with {backend}: the base URL of its ``backend`` (from PORTAL_BACKENDS).
APP_URL = {"type": "string", "pattern": "^(https?://|/|\\{backend\\})"}


def app_url(app: dict) -> str:
    """A launcher application's address, ``{backend}`` replaced by that back end's base URL."""
    url = str(app.get("url") or "")
    if url.startswith("{backend}"):
        url = django_settings.PORTAL_BACKENDS.get(app.get("backend") or "", "") + url[len("{backend}"):]
    return safe_url(url)


def text(value, limit: int = 200) -> str:
    return "" if value is None else str(value)[:limit]


def items_of(raw, limit: int) -> list[dict]:
    items = raw.get("items") if isinstance(raw, dict) else raw
    return [item for item in (items or []) if isinstance(item, dict)][:limit]


def as_int(value, default=0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@register_widget_type
class TodoWidget(WidgetType):
    name = "todo"
    label = _("待办/审批")
    template = "portal/widgets/todo.html"
    default_width = 2
    settings_schema = {
        "type": "object", "additionalProperties": False,
        "properties": {"max_items": MAX_ITEMS, "link": URL, "link_label": {"type": "string"}},
    }

    def normalize(self, raw, settings):
        items = [{"title": text(i.get("title")), "url": safe_url(i.get("url")), "meta": text(i.get("meta"), 80)}
                 for i in items_of(raw, settings.get("max_items", 5))]
        count = as_int(raw.get("count"), len(items)) if isinstance(raw, dict) else len(items)
        return {"count": count, "items": items, "link": safe_url(settings.get("link") or (raw or {}).get("link")),
                "link_label": settings.get("link_label", gettext("进入系统办理"))}


@register_widget_type
class NoticesWidget(WidgetType):
    name = "notices"
    label = _("通知公告")
    template = "portal/widgets/notices.html"
    default_width = 2
    settings_schema = {
        "type": "object", "additionalProperties": False,
        "properties": {"max_items": MAX_ITEMS, "more_url": URL},
    }

    def normalize(self, raw, settings):
        items = [{"title": text(i.get("title")), "url": safe_url(i.get("url")), "date": text(i.get("date"), 40)}
                 for i in items_of(raw, settings.get("max_items", 6))]
        return {"items": items, "more_url": safe_url(settings.get("more_url"))}


@register_widget_type
class CalendarWidget(WidgetType):
    name = "calendar"
    label = _("日程/会议")
    template = "portal/widgets/calendar.html"
    settings_schema = {"type": "object", "additionalProperties": False, "properties": {"max_items": MAX_ITEMS, "link": URL}}

    def normalize(self, raw, settings):
        items = [{"title": text(i.get("title")), "start": text(i.get("start"), 40), "end": text(i.get("end"), 40),
                  "location": text(i.get("location"), 80), "url": safe_url(i.get("url"))}
                 for i in items_of(raw, settings.get("max_items", 5))]
        return {"items": sorted(items, key=lambda item: item["start"]), "link": safe_url(settings.get("link"))}


@register_widget_type
class StatWidget(WidgetType):
    name = "stat"
    label = _("统计卡片")
    template = "portal/widgets/stat.html"
    settings_schema = {
        "type": "object", "additionalProperties": False,
        "properties": {"unit": {"type": "string"}, "label": {"type": "string"}, "chart": {"enum": list(CHARTS)}},
    }

    def normalize(self, raw, settings):
        raw = raw if isinstance(raw, dict) else {}
        series = [{"label": text(p.get("label"), 20), "value": p.get("value") if isinstance(p.get("value"), (int, float)) else 0}
                  for p in (raw.get("series") or raw.get("items") or []) if isinstance(p, dict)][:31]
        value = raw.get("value")
        return {"value": value if isinstance(value, (int, float)) else sum(p["value"] for p in series),
                "label": text(raw.get("label") or settings.get("label", "")), "unit": settings.get("unit", ""),
                "chart": settings.get("chart", "bar"), "series": series}

    def render(self, widget, request=None):
        data = widget.get("data") or {}
        chart = CHARTS.get(data.get("chart"), CHARTS["bar"])
        widget = {**widget, "chart_svg": chart(data.get("series") or [], title=widget.get("title", ""))}
        return super().render(widget, request)


@register_widget_type
class LauncherWidget(WidgetType):
    """Links to each system; ``sso: true`` apps open through the portal with a one-minute token."""

    name = "launcher"
    label = _("应用入口")
    template = "portal/widgets/launcher.html"
    needs_connector = False
    default_width = 2
    settings_schema = {
        "type": "object", "required": ["apps"], "additionalProperties": False,
        "properties": {"apps": {"type": "array", "items": {
            "type": "object", "required": ["name", "url"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "minLength": 1}, "url": APP_URL, "description": {"type": "string"},
                           "sso": {"type": "boolean"}, "backend": {"type": "string"}},
        }}},
    }

    def static_data(self, key: str, settings: dict, ctx: FetchContext) -> dict:
        apps = []
        for index, app in enumerate(settings.get("apps", [])):
            url = reverse("portal:launch", args=[key, index]) if app.get("sso") else app_url(app)
            apps.append({"name": text(app.get("name"), 40), "description": text(app.get("description"), 80),
                         "url": url, "sso": bool(app.get("sso"))})
        return {"apps": apps}

    def normalize(self, raw, settings):
        return raw


# Sources of the platform's own messages for the ``messages`` widget: callables
# ``source(ctx, limit) -> {"unread": int, "items": [...], "link": str}`` (the notifications app
# registers the message centre here), merged with the back end's messages on every request.
message_sources: list = []


def register_message_source(source):
    if source not in message_sources:
        message_sources.append(source)
    return source


@register_widget_type
class MessagesWidget(WidgetType):
    name = "messages"
    label = _("消息中心")
    template = "portal/widgets/messages.html"
    default_width = 2
    settings_schema = {"type": "object", "additionalProperties": False,
                       "properties": {"max_items": MAX_ITEMS, "link": URL, "include_platform": {"type": "boolean"}}}

    def normalize(self, raw, settings):
        items = [{"title": text(i.get("title")), "sender": text(i.get("sender"), 40), "at": text(i.get("at"), 40),
                  "url": safe_url(i.get("url")), "read": bool(i.get("read"))}
                 for i in items_of(raw, settings.get("max_items", 5))]
        unread = as_int(raw.get("unread"), sum(not i["read"] for i in items)) if isinstance(raw, dict) else 0
        return {"unread": unread, "items": items, "link": safe_url(settings.get("link"))}

    def personalize(self, data, settings, ctx):
        """The platform's own messages first (unread before read, newest first), then the back end's."""
        if not settings.get("include_platform", True) or not message_sources:
            return data
        limit = settings.get("max_items", 5)
        data = dict(data or {"unread": 0, "items": [], "link": ""})
        own = [source(ctx, limit) for source in message_sources]
        data["items"] = ([item for part in own for item in part["items"]] + list(data.get("items") or []))[:limit]
        data["unread"] = as_int(data.get("unread")) + sum(as_int(part.get("unread")) for part in own)
        data["link"] = data.get("link") or next((part["link"] for part in own if part.get("link")), "")
        return data
