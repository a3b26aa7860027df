"""Every API error is JSON with one shape (``Error``), and a bad parameter is a ``400``, never a
``422`` or a ``500``. The handlers are attached to the API in ``api/__init__.py``."""
from __future__ import annotations

import logging

from django.http import Http404
from ninja import Schema
from ninja.errors import HttpError, ValidationError
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class Error(Schema):
    error: str
    message: str
    details: list[dict] | None = None


# What any operation may answer besides its success: a bad parameter, an unknown id, too many
# requests (the rate limit), each with an ``Error`` body. Listed on every operation so that the
# OpenAPI description says what clients will really see.
ERRORS = {400: Error, 404: Error, 429: Error}


class BadParameter(HttpError):
    """A query parameter that passed type validation but makes no sense (unknown field, slug)."""

    def __init__(self, message: str):
        super().__init__(400, message)


ERROR_CODES = {400: "invalid_parameter", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 429: "rate_limited"}


def error_response(api, request, status: int, message: str, details: list | None = None):
    body = {"error": ERROR_CODES.get(status, "error"), "message": message}
    if details is not None:
        body["details"] = details
    response = api.create_response(request, body, status=status)
    response["Cache-Control"] = "no-cache"
    return response


def clean_details(errors: list[dict]) -> list[dict]:
    """Pydantic error entries without the parts that do not serialise (exceptions in ``ctx``)."""
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in errors]


def register_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc):
        return error_response(api, request, 400, gettext("请求参数无效"), clean_details(exc.errors))

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        return error_response(api, request, exc.status_code, str(exc.message))

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return error_response(api, request, 404, gettext("未找到"))
