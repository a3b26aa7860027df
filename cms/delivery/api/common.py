"""Schemas and helpers shared by the endpoints: page metadata, pagination, field selection,
Last-Modified, and images (as renditions) and documents (as download links)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.http import http_date
from ninja import Schema
from django.utils.translation import gettext

from cms.delivery.api.errors import BadParameter


class PageMeta(Schema):
    """Where the item lives and when it changed."""

    html_url: str | None = None
    api_url: str
    first_published_at: datetime | None = None
    last_published_at: datetime | None = None
    locale: str | None = None
    parent_id: int | None = None


class Rendition(Schema):
    url: str
    width: int
    height: int


class Image(Schema):
    id: int
    title: str
    alt: str = ""
    width: int
    height: int
    renditions: dict[str, Rendition]


class Document(Schema):
    id: int
    title: str
    url: str
    file_size: int | None = None
    file_extension: str = ""


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.BASE_URL + path


def api_url(route: str, **kwargs) -> str:
    return absolute(reverse(f"delivery:{route}", kwargs=kwargs))


def html_url(page) -> str | None:
    try:
        return page.get_full_url()
    except Exception:  # a page outside every Site has no public URL; the rest is still worth serving
        return None


def page_meta(page, route: str) -> dict:
    return {
        "html_url": html_url(page),
        "api_url": api_url(route, page_id=page.pk),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "locale": page.locale.language_code if page.locale_id else None,
        "parent_id": parent_id(page),
    }


def parent_id(page) -> int | None:
    if page.depth <= 1:
        return None
    if hasattr(page, "_delivery_parent_id"):
        return page._delivery_parent_id
    return page.get_parent().pk


def attach_parent_ids(pages) -> None:
    """Look the parents of a whole listing up in one query instead of one per page."""
    from wagtail.models import Page

    paths = {page.path[:-Page.steplen] for page in pages if page.depth > 1}
    ids = dict(Page.objects.filter(path__in=paths).values_list("path", "id"))
    for page in pages:
        page._delivery_parent_id = ids.get(page.path[:-Page.steplen])


def image_data(image) -> dict | None:
    """An image with its renditions (the sizes in ``DELIVERY_IMAGE_RENDITIONS``), never the original."""
    if image is None:
        return None
    specs = settings.DELIVERY_IMAGE_RENDITIONS
    renditions = image.get_renditions(*specs.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": getattr(image, "default_alt_text", "") or image.title,
        "width": image.width,
        "height": image.height,
        "renditions": {name: {"url": absolute(renditions[spec].url), "width": renditions[spec].width,
                              "height": renditions[spec].height} for name, spec in specs.items()},
    }


def document_data(document) -> dict | None:
    if document is None:
        return None
    try:
        size = document.get_file_size()
    except OSError:
        size = None
    return {"id": document.pk, "title": document.title, "url": absolute(document.url),
            "file_size": size, "file_extension": document.file_extension}


def parse_fields(raw: str | None, allowed: set[str]) -> set[str] | None:
    """``fields=a,b`` → {"a", "b"}; ``*`` → every field; unknown names are a 400."""
    if raw is None or raw.strip() == "":
        return None
    names = {name.strip() for name in raw.split(",") if name.strip()}
    if "*" in names:
        return set(allowed)
    unknown = names - allowed
    if unknown:
        raise BadParameter(gettext("未知字段 / unknown fields: %(unknown)s; 可选 / allowed: %(allowed)s")
                           % {"unknown": ", ".join(sorted(unknown)), "allowed": ", ".join(sorted(allowed))})
    return names


def select(data: dict, fields: set[str] | None, always: tuple[str, ...] = ("id", "type", "meta")) -> dict:
    if fields is None:
        return data
    return {key: value for key, value in data.items() if key in fields or key in always}


def set_last_modified(response, *moments: Any) -> None:
    """Last-Modified from the newest of the given datetimes (None entries ignored)."""
    moments = [m for m in moments if m is not None]
    if moments:
        response["Last-Modified"] = http_date(max(moments).timestamp())


def paginated(queryset, page: int, page_size: int) -> tuple[list, int]:
    count = queryset.count()
    start = (page - 1) * page_size
    return list(queryset[start:start + page_size]), count
