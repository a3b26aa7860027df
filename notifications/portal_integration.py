"""The message centre inside the officials' portal: a message source for the ``messages`` widget
(merged with any back end's messages on every request, never cached) and a connector
``platform_messages`` for a widget that shows only the platform's own messages."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.registry import Connector, FetchContext, register_connector
from portal.widgets.builtins import register_message_source


def platform_messages(ctx: FetchContext, limit: int) -> dict:
    from notifications.models import Notification

    mine = Notification.objects.filter(recipient_id=ctx.user_id)
    latest = list(mine.order_by("read_at", "-created_at")[:limit]) if limit else []
    # order_by("read_at") puts NULLs (unread) first on PostgreSQL but last on SQLite: sort here.
    latest.sort(key=lambda n: (n.read_at is not None, -n.created_at.timestamp()))
    return {
        "unread": mine.filter(read_at__isnull=True).count(),
        "items": [{"title": n.title, "sender": n.kind_label(), "read": n.read_at is not None,
                   "at": timezone.localtime(n.created_at).strftime("%Y-%m-%d %H:%M"),
                   "url": reverse("notifications:open", args=[n.pk])} for n in latest],
        "link": reverse("notifications:list"),
    }


@register_connector
class PlatformMessages(Connector):
    """No back end: the widget shows the platform's own messages (added by the message source)."""

    name = "platform_messages"
    label = _("平台消息中心")
    remote = False
    config_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        return {"unread": 0, "items": []}


def connect() -> None:
    register_message_source(platform_messages)
