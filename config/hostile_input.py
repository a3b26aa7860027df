"""Input no view should ever have to think about, refused once, before any view runs.

* **NUL characters** (``%00``) in the path, a query parameter or a form field: PostgreSQL cannot
  store or even compare text containing NUL and raises, so every filter, search and lookup that
  passed one through answered 500 (SQLite accepted it, which hid the class). They are never
  meaningful in this application: answered ``400`` with the reason.
* **JSON bodies** go through :func:`parse_json`: invalid, deeper than ``MAX_JSON_DEPTH`` or not the
  expected shape becomes a ``ValueError`` with a plain reason for a 400, never a RecursionError.
* **Whole numbers** from query strings go through :func:`ascii_int`: ``"²"`` and ``"٣"`` pass
  ``str.isdigit()`` but not ``int()``; ``1e309`` is infinity; ``0000`` is no year. It accepts
  ASCII digits within bounds and nothing else.
"""
from __future__ import annotations

import json
import re

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

MAX_JSON_DEPTH = 32
_ASCII_INT = re.compile(r"^[0-9]{1,18}$")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def ascii_int(value, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """``int(value)`` for plain ASCII digits within [minimum, maximum]; else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _ASCII_INT.match(value.strip()):
        number = int(value.strip())
    else:
        return None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def _depth(value) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


def parse_json(body: bytes | str, *, default=None, max_depth: int = MAX_JSON_DEPTH):
    """Parse a request body; ``ValueError`` (with a reason to show) for anything unusable."""
    if not body:
        return default
    try:
        value = json.loads(body)
    except RecursionError:
        raise ValueError(_("JSON 嵌套过深")) from None
    except (ValueError, UnicodeDecodeError):
        raise ValueError(_("请求体不是有效的 JSON")) from None
    if _depth(value) > max_depth:
        raise ValueError(_("JSON 嵌套过深"))
    if "\x00" in json.dumps(value, ensure_ascii=False):
        raise ValueError(_("请求内容不能包含空字符（\\0）"))
    return value


def _has_nul(items) -> str | None:
    for key, values in items:
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "\\0")
    return None


class RejectHostileInputMiddleware:
    """400 for NUL characters in the path, the query string or a form body (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = None
        if "\x00" in request.path:
            field = "path"
        else:
            field = _has_nul(request.GET.lists())
            # form fields (urlencoded or multipart; files are not looked at): CsrfViewMiddleware
            # parses the body of every POST anyway, so this costs no extra read
            if field is None and request.method == "POST" and request.content_type in _FORM_TYPES:
                field = _has_nul(request.POST.lists())
        if field is None:
            return self.get_response(request)
        message = _("请求参数不能包含空字符（\\0）")
        if request.path.startswith("/api/"):
            # the shape of every API error (cms.delivery.api.errors.Error)
            return JsonResponse({"error": "bad_request", "message": message, "details": [{"field": field}]}, status=400,
                                json_dumps_params={"ensure_ascii": False})
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
