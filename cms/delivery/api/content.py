"""``/api/v1/content/``: the typed content (service guides, notices, policies) with filters,
stable ordering, pagination and field selection, and one item by id."""
from __future__ import annotations

import datetime
import itertools
from typing import Annotated, Literal, Union

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field, model_validator
from django.utils.translation import gettext

from cms.delivery.api import schemas  # noqa: F401  (registers the content types)
from cms.delivery.api.common import attach_parent_ids, parse_fields, set_last_modified
from cms.delivery.api.errors import ERRORS, BadParameter
from cms.delivery.api.searching import search_ids
from cms.delivery.api.visibility import public_pages
from cms.delivery.changes import latest_change
from cms.delivery.content_types import content_type_names, content_types, get_content_type, spec_for_model

router = Router(tags=["content"])



def tagged_union(schemas: list[type]):
    """One schema, or a union of several told apart by their ``type`` constant."""
    if len(schemas) == 1:
        return schemas[0]
    return Annotated[Union[tuple(schemas)], Field(discriminator="type")]


TypeName = Literal[tuple(content_type_names())]  # type: ignore[valid-type]
ContentItem = tagged_union([spec.schema for spec in content_types()])
LISTING_FIELDS = ("slug", "title", "summary", "department", "topics", "audience", "published_at", "expires_at")
ORDERINGS = {
    "-published_at": ("-published_at", "-id"),
    "published_at": ("published_at", "id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "-last_published_at": ("-last_published_at", "-id"),
}


class ContentList(Schema):
    count: int = Field(description="符合条件的条目总数")
    page: int
    page_size: int
    items: list[ContentItem]


class ContentFilters(Schema):
    type: TypeName | None = Field(None, description="内容类型")
    department: str | None = Field(None, max_length=100, description="部门标识（slug）")
    topic: str | None = Field(None, max_length=100, description="主题标识（slug）")
    published_after: datetime.date | None = Field(None, description="发布日期不早于（含）")
    published_before: datetime.date | None = Field(None, description="发布日期不晚于（含）")
    status: schemas.PolicyStatus | None = Field(None, description="政策有效性（只返回政策文件）")
    audience: schemas.Audience | None = Field(None, description="服务对象")
    search: str | None = Field(None, min_length=1, max_length=200, description="全文检索")
    ordering: Literal["-published_at", "published_at", "title", "-title", "-last_published_at"] = "-published_at"
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(20, ge=1, le=settings.DELIVERY_PAGE_SIZE_MAX)
    fields: str | None = Field(None, max_length=1000, description="逗号分隔的字段名（* 为全部）；默认为摘要字段")

    @model_validator(mode="after")
    def dates_in_order(self):
        if self.published_after and self.published_before and self.published_after > self.published_before:
            raise ValueError(gettext("published_after 不能晚于 published_before"))
        return self


def all_field_names(specs) -> set[str]:
    return {name for spec in specs for name in spec.schema.model_fields} - {"id", "type", "meta"}


def filtered(spec, filters: ContentFilters, ids_from_search: list[int] | None):
    """The public pages of one content type that pass every filter (None: the type is excluded)."""
    model = spec.model
    queryset = public_pages(model)
    if filters.status is not None:
        if "status" not in spec.schema.model_fields:
            return None
        queryset = queryset.filter(status=filters.status)
    if filters.department:
        queryset = queryset.filter(department__slug=filters.department)
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.published_after:
        queryset = queryset.filter(published_at__date__gte=filters.published_after)
    if filters.published_before:
        queryset = queryset.filter(published_at__date__lte=filters.published_before)
    if filters.audience:
        queryset = queryset.filter(audience_q(filters.audience))
    if ids_from_search is not None:
        queryset = queryset.filter(pk__in=ids_from_search)
    return queryset


def audience_q(value: str) -> Q:
    """Lists containing ``value``, as exact matches (JSON ``contains`` does not exist on SQLite)."""
    others = [a for a in schemas.AUDIENCES if a != value]
    q = Q()
    for size in range(len(others) + 1):
        for extra in itertools.combinations(others, size):
            for order in itertools.permutations((value, *extra)):
                q |= Q(audience=list(order))
    return q


def check_taxonomy(filters: ContentFilters) -> None:
    from cms.models import Department, Topic

    if filters.department and not Department.objects.filter(slug=filters.department).exists():
        raise BadParameter(gettext("未知部门 / unknown department: %(slug)s") % {"slug": filters.department})
    if filters.topic and not Topic.objects.filter(slug=filters.topic).exists():
        raise BadParameter(gettext("未知主题 / unknown topic: %(slug)s") % {"slug": filters.topic})


def load_specific(spec, ids: list[int]) -> dict[int, object]:
    queryset = spec.model.objects.filter(pk__in=ids).select_related("department", "locale").prefetch_related("topics")
    return {page.pk: page for page in queryset}


@router.get("/content/", response={200: ContentList, **ERRORS}, url_name="content_list", exclude_unset=True,
            summary="列出公开内容（办事指南、通知公告、政策文件）")
def list_content(request: HttpRequest, response: HttpResponse, filters: ContentFilters = Query(...)):
    specs = [get_content_type(filters.type)] if filters.type else content_types()
    fields = parse_fields(filters.fields, all_field_names(specs)) or set(LISTING_FIELDS)
    check_taxonomy(filters)
    ids_from_search = search_ids(filters.search, [spec.model for spec in specs]) if filters.search else None
    parts = [(spec, qs) for spec in specs if (qs := filtered(spec, filters, ids_from_search)) is not None]
    count = sum(qs.count() for _spec, qs in parts)
    rows = []
    if parts:
        columns = ("id", "published_at", "last_published_at", "title", "content_type_id")
        # Each part loses its default ordering: SQL allows ORDER BY only on the whole UNION.
        selects = [qs.order_by().values_list(*columns) for _spec, qs in parts]
        combined = selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]
        start = (filters.page - 1) * filters.page_size
        rows = list(combined.order_by(*ORDERINGS[filters.ordering])[start:start + filters.page_size])
    items = serialize_rows(request, rows, parts, fields)
    set_last_modified(response, latest_change(), *(row[2] for row in rows))
    return {"count": count, "page": filters.page, "page_size": filters.page_size, "items": items}


def serialize_rows(request, rows, parts, fields) -> list[dict]:
    by_model = {}
    ids_by_spec = {spec.name: [] for spec, _qs in parts}
    from django.contrib.contenttypes.models import ContentType

    spec_by_ct = {ContentType.objects.get_for_model(spec.model).pk: spec for spec, _qs in parts}
    for row in rows:
        ids_by_spec[spec_by_ct[row[4]].name].append(row[0])
    for spec, _qs in parts:
        if ids_by_spec[spec.name]:
            by_model.update({pk: (spec, page) for pk, page in load_specific(spec, ids_by_spec[spec.name]).items()})
    attach_parent_ids([page for _spec, page in by_model.values()])
    items = []
    for row in rows:
        spec, page = by_model[row[0]]
        items.append(spec.serialize(page, fields))
    return items


@router.get("/content/{page_id}/", response={200: ContentItem, **ERRORS}, url_name="content_detail",
            exclude_unset=True, summary="读取一条公开内容（全部结构化字段）")
def get_content(request: HttpRequest, response: HttpResponse, page_id: int,
                fields: str | None = Query(None, max_length=1000, description="逗号分隔的字段名")):
    page = get_object_or_404(public_pages().filter(content_type__in=content_type_ids()), pk=page_id).specific
    spec = spec_for_model(type(page))
    selected = parse_fields(fields, all_field_names([spec]))
    set_last_modified(response, page.last_published_at)
    return spec.serialize(page, selected)


def content_type_ids() -> list[int]:
    from django.contrib.contenttypes.models import ContentType

    return [ct.pk for ct in ContentType.objects.get_for_models(*(s.model for s in content_types())).values()]
