"""CMS query connectors: the latest notices for the user's department, policies by topic.

They read the CMS engineer's page models through their public API (``live()``,
``visible_to(reader)`` — the one visibility rule of ``cms.visibility`` —, ``department``, ``topics``,
``published_at``), in the
request's thread (``remote = False``) so they share its database connection and transaction.
Internal pages are shown only to officials whose roles the restriction allows; password-protected
pages never.
"""
from __future__ import annotations
from django.utils.translation import gettext_lazy as _

from portal.registry import Connector, FetchContext, register_connector

LIMIT = {"type": "integer", "minimum": 1, "maximum": 50}


def reader(ctx: FetchContext):
    """The official as ``cms.visibility`` sees them: logged in, in the groups of their roles."""
    from cms.visibility import Reader

    return Reader(authenticated=True, groups=frozenset(ctx.roles))


def _items(pages, ctx: FetchContext, limit: int) -> list[dict]:
    return [{"title": page.title, "url": page.get_url() or "",
             "date": page.published_at.isoformat() if page.published_at else ""}
            for page in pages[:limit]]


@register_connector
class NoticesForDepartment(Connector):
    name = "cms_notices"
    label = _("CMS：本部门最新通知")
    remote = False
    config_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"limit": LIMIT, "department": {"type": "string", "minLength": 1}},
    }

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        from cms.models import NoticePage

        department = config.get("department") or ctx.department
        pages = NoticePage.objects.visible_to(reader(ctx)).select_related("department").order_by("-published_at")
        if department:
            pages = pages.filter(department__name=department)
        return {"items": _items(pages, ctx, config.get("limit", 5)), "department": department}


@register_connector
class PoliciesByTopic(Connector):
    name = "cms_policies"
    label = _("CMS：按主题的政策文件")
    remote = False
    config_schema = {
        "type": "object",
        "required": ["topic"],
        "additionalProperties": False,
        "properties": {"limit": LIMIT, "topic": {"type": "string", "minLength": 1}},
    }

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        from cms.models import PolicyPage

        pages = PolicyPage.objects.visible_to(reader(ctx)).filter(topics__name=config["topic"]).distinct().order_by("-published_at")
        return {"items": _items(pages, ctx, config.get("limit", 5)), "topic": config["topic"]}
