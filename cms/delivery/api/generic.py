"""Values of any page's ``api_fields`` as plain JSON, for page types without a typed schema
(home and index pages): StreamFields through their blocks' API representation, rich text with
internal links expanded, related objects by name, dates in ISO 8601."""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.rich_text import expand_db_html

from cms.delivery.api.common import image_data


def api_field_names(model) -> list[str]:
    return [getattr(field, "name", field) for field in getattr(model, "api_fields", None) or []]


def plain(value, context=None):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, AbstractImage):
        return image_data(value)
    if isinstance(value, models.Manager):
        return [plain(item, context) for item in value.all()]
    if isinstance(value, models.Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, (list, tuple, set)):
        return [plain(item, context) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v, context) for k, v in value.items()}
    return str(value)


def api_field_values(page) -> dict:
    """``{name: JSON value}`` for every name in the page model's ``api_fields``."""
    result = {}
    for name in api_field_names(type(page)):
        try:
            field = page._meta.get_field(name)
        except Exception:
            field = None
        value = getattr(page, name, None)
        if isinstance(field, StreamField):
            result[name] = plain(field.stream_block.get_api_representation(value))
        elif isinstance(field, RichTextField):
            result[name] = expand_db_html(value or "")
        else:
            result[name] = plain(value() if callable(value) and not isinstance(value, models.Manager) else value)
    return result
