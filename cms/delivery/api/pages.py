"""``/api/v1/pages/``: every public page, whatever its type, with its ``api_fields`` as a plain
object. Home and index pages are read here; typed content is richer under ``/api/v1/content/``."""
from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field
from django.utils.translation import gettext

from cms.delivery.api.common import (
    PageMeta, attach_parent_ids, page_meta, paginated, parse_fields, select, set_last_modified,
)
from cms.delivery.api.errors import ERRORS, BadParameter
from cms.delivery.api.generic import api_field_values
from cms.delivery.api.visibility import public_pages
from cms.delivery.content_types import spec_for_model, type_name_for_page
from cms.delivery.changes import latest_change

router = Router(tags=["pages"])

PAGE_FIELDS = {"title", "slug", "model", "meta", "fields"}
ORDERINGS = {"path": ("path",), "-last_published_at": ("-last_published_at", "-id"),
             "title": ("title", "id"), "id": ("id",)}


class PageItem(Schema):
    id: int
    type: str = Field(description="内容类型：service_guide、notice、policy，其他页面为 page")
    model: str | None = Field(None, description="Wagtail 页面模型，如 cms.NoticePage")
    title: str | None = None
    slug: str | None = None
    meta: PageMeta
    fields: dict[str, Any] | None = Field(None, description="该页面类型的 api_fields")


class PageList(Schema):
    count: int
    page: int
    page_size: int
    items: list[PageItem]


class PageFilters(Schema):
    child_of: int | None = Field(None, ge=1, description="只列出该页面的直接子页面")
    model: str | None = Field(None, max_length=100, description="页面模型，如 cms.NoticePage")
    ordering: Literal["path", "-last_published_at", "title", "id"] = "path"
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(20, ge=1, le=settings.DELIVERY_PAGE_SIZE_MAX)
    fields: str | None = Field(None, max_length=500, description="逗号分隔的字段名，* 为全部")


def page_item(page, *, with_fields: bool) -> dict:
    specific = page.specific
    data = {
        "id": page.pk,
        "type": type_name_for_page(page),
        "model": page.specific_class._meta.label if page.specific_class else None,
        "title": page.title,
        "slug": page.slug,
        "meta": page_meta(page, "page_detail"),
    }
    if with_fields:
        spec = spec_for_model(type(specific))
        if spec is not None:  # typed content: the same values as /api/v1/content/{id}/
            typed = spec.serialize(specific)
            data["fields"] = {k: v for k, v in typed.items() if k not in ("id", "type", "meta", "title", "slug")}
        else:
            data["fields"] = api_field_values(specific)
    return data


@router.get("/pages/", response={200: PageList, **ERRORS}, url_name="page_list", exclude_unset=True,
            summary="列出公开页面（任意类型）")
def list_pages(request: HttpRequest, response: HttpResponse, filters: PageFilters = Query(...)):
    fields = parse_fields(filters.fields, PAGE_FIELDS)
    queryset = public_pages().select_related("locale", "content_type")
    if filters.child_of:
        parent = public_pages().filter(pk=filters.child_of).first()
        if parent is None:
            raise BadParameter(gettext("child_of: 没有编号为 %(id)s 的公开页面") % {"id": filters.child_of})
        queryset = queryset.child_of(parent)
    if filters.model:
        queryset = queryset.filter(content_type__in=_content_types_for(filters.model))
    queryset = queryset.order_by(*ORDERINGS[filters.ordering])
    pages, count = paginated(queryset, filters.page, filters.page_size)
    attach_parent_ids(pages)
    with_fields = fields is not None and "fields" in fields
    items = [select(page_item(p, with_fields=with_fields), fields) for p in pages]
    set_last_modified(response, latest_change(), *(p.last_published_at for p in pages))
    return {"count": count, "page": filters.page, "page_size": filters.page_size, "items": items}


@router.get("/pages/{page_id}/", response={200: PageItem, **ERRORS}, url_name="page_detail",
            exclude_unset=True, summary="读取一个公开页面")
def get_page(request: HttpRequest, response: HttpResponse, page_id: int,
             fields: str | None = Query(None, max_length=500)):
    selected = parse_fields(fields, PAGE_FIELDS)
    page = get_object_or_404(public_pages().select_related("locale", "content_type"), pk=page_id)
    set_last_modified(response, page.last_published_at)
    return select(page_item(page, with_fields=True), selected)


def _content_types_for(label: str):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise BadParameter(gettext("未知页面模型 / unknown page model: %(label)s") % {"label": label}) from None
    return [ContentType.objects.get_for_model(model)]
