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
from cms import vocabulary
from cms.delivery.content_types import ContentTypeSpec, register_content_type
from cms.vocabulary import literal
from config.safe_url import safe_url

Audience = literal(vocabulary.Audience)
PolicyStatus = literal(vocabulary.PolicyStatus)
NoticePriority = literal(vocabulary.NoticePriority)
AUDIENCES = list(vocabulary.Audience.values)
POLICY_STATUSES = list(vocabulary.PolicyStatus.values)


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


# Optional parts of a repeated element are null when an editor or an import left them out.
class Material(Schema):
    name: str
    form: str | None = None
    copies: int | None = None
    required: bool | None = True
    note: str | None = None


class Step(Schema):
    name: str
    description: str | None = None


class Location(Schema):
    name: str
    address: str | None = None
    hours: str | None = None
    phone: str | None = None


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
    priority: NoticePriority = vocabulary.NoticePriority.NORMAL.value


class Policy(ContentBase):
    """政策文件"""

    type: Literal["policy"]
    doc_number: str = ""
    index_number: str = ""
    issuer: str = ""
    written_at: datetime.date | None = None
    effective_at: datetime.date | None = None
    status: PolicyStatus = vocabulary.PolicyStatus.VALID.value
    theme_category: str = ""
    replaced_by: PageRef | None = Field(None, description="替代本文件的公开文件（废止或修订时）")


def stream_values(stream) -> list[dict]:
    """The StructBlock values of a StreamField as plain dicts (keys are the schema's keys)."""
    return [dict(child.value) for child in stream or []]


def department_ref(page):
    department = page.department
    return {"id": department.pk, "slug": department.slug, "name": department.name} if department else None


def replacement_ref(page):
    from cms.delivery.api.visibility import public_pages

    if not page.replaced_by_id:
        return None
    replacement = public_pages(type(page)).filter(pk=page.replaced_by_id).first()
    if replacement is None:  # replaced by something not (or no longer) public: not linked
        return None
    return {"id": replacement.pk, "title": replacement.title,
            "api_url": api_url("content_detail", page_id=replacement.pk)}


def attribute(name):
    return lambda page: getattr(page, name)


def stream(name):
    return lambda page: stream_values(getattr(page, name))


# name → how to read it from a page; only the selected fields are computed (a listing does not
# pay for bodies, attachments' file sizes or repeated elements it does not return).
COMMON_FIELDS = {
    "slug": attribute("slug"),
    "title": attribute("title"),
    "summary": attribute("summary"),
    "body": lambda page: expand_db_html(page.body or ""),
    "department": department_ref,
    "topics": lambda page: [{"id": t.pk, "slug": t.slug, "name": t.name} for t in page.topics.all()],
    "audience": lambda page: [a for a in (page.audience or []) if a in AUDIENCES],
    "published_at": attribute("published_at"),
    "expires_at": attribute("expires_at"),
    "attachments": lambda page: [{"title": item["title"], "document": document_data(item["document"])}
                                 for item in stream_values(page.attachments)],
}
SERVICE_GUIDE_FIELDS = {
    **COMMON_FIELDS,
    **{name: attribute(name) for name in (
        "item_code", "item_type", "legal_basis", "conditions", "statutory_time_limit_days",
        "promised_time_limit_days", "fees", "consultation_phone", "complaint_phone")},
    "online_url": lambda page: safe_url(page.online_url, allow_relative=False),  # http(s) or nothing
    **{name: stream(name) for name in ("materials", "procedure", "locations", "faqs")},
}
NOTICE_FIELDS = {**COMMON_FIELDS, "priority": attribute("priority")}
POLICY_FIELDS = {
    **COMMON_FIELDS,
    **{name: attribute(name) for name in (
        "doc_number", "index_number", "issuer", "written_at", "effective_at", "status", "theme_category")},
    "replaced_by": replacement_ref,
}


def serializer(type_name: str, getters: dict):
    def serialize(page, fields: set[str] | None = None) -> dict:
        data = {"id": page.pk, "type": type_name}
        data.update({name: read(page) for name, read in getters.items() if fields is None or name in fields})
        data["meta"] = page_meta(page, "content_detail")
        return data

    return serialize


register_content_type(ContentTypeSpec("service_guide", "cms.ServiceGuidePage", ServiceGuide,
                                      serializer("service_guide", SERVICE_GUIDE_FIELDS)))
register_content_type(ContentTypeSpec("notice", "cms.NoticePage", Notice, serializer("notice", NOTICE_FIELDS)))
register_content_type(ContentTypeSpec("policy", "cms.PolicyPage", Policy, serializer("policy", POLICY_FIELDS)))
