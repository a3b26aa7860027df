"""CMS query connectors: the latest notices for the user's department, policies by topic.

They read the CMS engineer's page models through their public fields only, in the request's
thread (``remote = False``), so they see the same database connection and transaction.
"""
from __future__ import annotations

from portal.registry import Connector, FetchContext, register_connector

LIMIT = {"type": "integer", "minimum": 1, "maximum": 50}


def _page_item(page) -> dict:
    date = getattr(page, "first_published_at", None) or getattr(page, "last_published_at", None)
    return {"title": page.title, "url": page.get_url() or "", "date": date.isoformat() if date else ""}


@register_connector
class NoticesForDepartment(Connector):
    name = "cms_notices"
    label = "CMS：本部门最新通知"
    remote = False
    config_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"limit": LIMIT, "department": {"type": "string", "minLength": 1}},
    }

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        from cms.models import NoticePage

        department = config.get("department") or ctx.department
        pages = NoticePage.objects.live().public()
        if department:
            pages = pages.filter(department__name=department)
        pages = pages.order_by("-first_published_at")[: config.get("limit", 5)]
        return {"items": [_page_item(page) for page in pages], "department": department}


@register_connector
class PoliciesByTopic(Connector):
    name = "cms_policies"
    label = "CMS：按主题的政策文件"
    remote = False
    config_schema = {
        "type": "object",
        "required": ["topic"],
        "additionalProperties": False,
        "properties": {"limit": LIMIT, "topic": {"type": "string", "minLength": 1}},
    }

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        from cms.models import PolicyPage

        pages = PolicyPage.objects.live().public().filter(topics__name=config["topic"]).distinct()
        pages = pages.order_by("-first_published_at")[: config.get("limit", 5)]
        return {"items": [_page_item(page) for page in pages], "topic": config["topic"]}
