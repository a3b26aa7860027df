"""Typed schemas of the three content types, with the field names of content.schema.json, and
their serializers; registered in ``cms.delivery.content_types`` at import.

Every field but ``id``, ``type`` and ``meta`` has a default, so that field selection
(``?fields=``) can leave any of them out and the responses still match the OpenAPI description.
"""
from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field
from wagtail.rich_text import expand_db_html

from cms.delivery.api.common import Document, PageMeta, api_url, document_data, page_meta
from cms.delivery.content_types import ContentTypeSpec, register_content_type

Audience = Literal["个人", "法人"]
PolicyStatus = Literal["有效", "废止", "修订", "失效"]
AUDIENCES = ["个人", "法人"]
POLICY_STATUSES = ["有效", "废止", "修订", "失效"]


class DepartmentRef(Schema):
    id: int
    slug: str
    name: str


class TopicRef(Schema):
    id: int
    slug: str
    name: str


class Attachment(Schema):
    title: str
    document: Document | None = None


class PageRef(Schema):
    id: int
    title: str
    api_url: str


class ContentBase(Schema):
    id: int
    slug: str = ""
    title: str = ""
    summary: str = ""
    body: str = Field("", description="HTML（p、h2-h4、列表、链接、表格）")
    department: DepartmentRef | None = None
    topics: list[TopicRef] = Field(default_factory=list)
    audience: list[Audience] = Field(default_factory=list)
    published_at: datetime.datetime | None = None
    expires_at: datetime.datetime | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    meta: PageMeta


class Material(Schema):
    name: str
    form: str = ""
    copies: int | None = None
    required: bool = True
    note: str = ""


class Step(Schema):
    name: str
    description: str = ""


class Location(Schema):
    name: str
    address: str = ""
    hours: str = ""
    phone: str = ""


class FAQ(Schema):
    question: str
    answer: str


class ServiceGuide(ContentBase):
    """办事指南"""

    type: Literal["service_guide"]
    item_code: str = ""
    item_type: str = ""
    legal_basis: str = ""
    conditions: str = ""
    materials: list[Material] = Field(default_factory=list)
    procedure: list[Step] = Field(default_factory=list)
    statutory_time_limit_days: int | None = None
    promised_time_limit_days: int | None = None
    fees: str = ""
    locations: list[Location] = Field(default_factory=list)
    online_url: str = ""
    consultation_phone: str = ""
    complaint_phone: str = ""
    faqs: list[FAQ] = Field(default_factory=list)


class Notice(ContentBase):
    """通知公告"""

    type: Literal["notice"]
    priority: Literal["normal", "important", "urgent"] = "normal"


class Policy(ContentBase):
    """政策文件"""

    type: Literal["policy"]
    doc_number: str = ""
    index_number: str = ""
    issuer: str = ""
    written_at: datetime.date | None = None
    effective_at: datetime.date | None = None
    status: PolicyStatus = "有效"
    theme_category: str = ""
    replaced_by: PageRef | None = Field(None, description="替代本文件的公开文件（废止或修订时）")


def stream_values(stream) -> list[dict]:
    """The StructBlock values of a StreamField as plain dicts (keys are the schema's keys)."""
    return [dict(child.value) for child in stream or []]


def common_data(page, type_name: str) -> dict:
    department = page.department
    return {
        "id": page.pk,
        "type": type_name,
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "body": expand_db_html(page.body or ""),
        "department": {"id": department.pk, "slug": department.slug, "name": department.name} if department else None,
        "topics": [{"id": t.pk, "slug": t.slug, "name": t.name} for t in page.topics.all()],
        "audience": [a for a in (page.audience or []) if a in AUDIENCES],
        "published_at": page.published_at,
        "expires_at": page.expires_at,
        "attachments": [{"title": item["title"], "document": document_data(item["document"])}
                        for item in stream_values(page.attachments)],
        "meta": page_meta(page, "content_detail"),
    }


def service_guide_data(page) -> dict:
    data = common_data(page, "service_guide")
    for name in ("item_code", "item_type", "legal_basis", "conditions", "statutory_time_limit_days",
                 "promised_time_limit_days", "fees", "online_url", "consultation_phone", "complaint_phone"):
        data[name] = getattr(page, name)
    for name in ("materials", "procedure", "locations", "faqs"):
        data[name] = stream_values(getattr(page, name))
    return data


def notice_data(page) -> dict:
    return {**common_data(page, "notice"), "priority": page.priority}


def policy_data(page) -> dict:
    from cms.delivery.api.visibility import public_pages

    data = common_data(page, "policy")
    for name in ("doc_number", "index_number", "issuer", "written_at", "effective_at", "status", "theme_category"):
        data[name] = getattr(page, name)
    replacement = None
    if page.replaced_by_id:
        replacement = public_pages(type(page)).filter(pk=page.replaced_by_id).first()
    data["replaced_by"] = (
        {"id": replacement.pk, "title": replacement.title, "api_url": api_url("content_detail", page_id=replacement.pk)}
        if replacement else None
    )
    return data


register_content_type(ContentTypeSpec("service_guide", "cms.ServiceGuidePage", ServiceGuide, service_guide_data))
register_content_type(ContentTypeSpec("notice", "cms.NoticePage", Notice, notice_data))
register_content_type(ContentTypeSpec("policy", "cms.PolicyPage", Policy, policy_data))
