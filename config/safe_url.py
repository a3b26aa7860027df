"""One rule for every URL a person can type into the system (online service URLs, launcher apps,
webhook and connector URLs, theme links): **http(s) only**.

* On input: :data:`validate_http_url` (a model/form validator: admin forms, the importer and the API
  all run model validation) and :func:`is_http_url` (JSON-schema checks, config files).
* On output: :func:`safe_url` and the ``|safe_url`` template filter (a builtin of every template,
  see ``TEMPLATES`` in settings) turn anything else (``javascript:``, ``data:``, ``//evil``,
  control characters) into ``""``, so a value that slipped in before the validator existed still
  cannot run script when clicked.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import template
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")
# Browsers strip these before parsing a scheme ("java\tscript:" is "javascript:").
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")
_url_validator = URLValidator(schemes=list(SCHEMES))


def is_http_url(value, *, allow_relative: bool = False) -> bool:
    """True for an absolute http(s) URL with a host (or, when allowed, a same-site reference: a path
    ``/x``, or a query ``?x`` or fragment ``#x`` of the current page, which cannot change the scheme)."""
    if not isinstance(value, str) or not value or _INVISIBLE.search(value):
        return False
    if allow_relative and value.startswith(("?", "#")):
        return True
    if allow_relative and value.startswith("/") and not value.startswith(("//", "/\\")):
        return True
    try:
        _url_validator(value)
    except ValidationError:
        return False
    return urlsplit(value).scheme.lower() in SCHEMES


def validate_http_url(value) -> None:
    """Model/form validator: empty is allowed (use ``blank=False`` to require a value)."""
    if value and not is_http_url(value):
        raise ValidationError(_("只能填写以 http:// 或 https:// 开头的网址"), code="invalid_url")


def safe_url(value, allow_relative: bool = True) -> str:
    """The value when it is a safe link target, else ``""`` (for templates and JSON output)."""
    text = str(value or "").strip()
    return text if is_http_url(text, allow_relative=allow_relative) else ""


register = template.Library()


@register.filter(name="safe_url")
def safe_url_filter(value) -> str:
    return safe_url(value)
