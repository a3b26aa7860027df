"""Parsing and validating the search API's query string (shared/contracts §2): bad input is a
``ParameterError`` with one message per field, which the view turns into a JSON 400."""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext

from search.registry import registered_types

SORTS = ("relevance", "newest")
MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000


class ParameterError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    type: str = ""
    department: str = ""
    topic: str = ""
    year: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def _int(data, name: str, default: int | None, low: int, high: int, errors: dict) -> int | None:
    raw = data.get(name, "")
    if raw in ("", None):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        errors[name] = gettext("必须是整数 / must be an integer")
        return default
    if not low <= value <= high:
        errors[name] = gettext("必须在 %(low)s 到 %(high)s 之间 / must be between %(low)s and %(high)s") % {"low": low, "high": high}
    return value


def parse_search_params(data) -> SearchParams:
    errors: dict[str, str] = {}
    q = (data.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = gettext("最多 %(n)s 个字符 / at most %(n)s characters") % {"n": MAX_QUERY_LENGTH}
    type_ = (data.get("type") or "").strip()
    if type_ and type_ not in registered_types():
        errors["type"] = gettext("未知类型 / unknown type; one of: %(types)s") % {"types": ", ".join(sorted(registered_types()))}
    sort = (data.get("sort") or "relevance").strip()
    if sort not in SORTS:
        errors["sort"] = gettext("只能是 / must be one of: %(sorts)s") % {"sorts": ", ".join(SORTS)}
    page = _int(data, "page", 1, 1, MAX_PAGE, errors)
    page_size = _int(data, "page_size", settings.SEARCH_DEFAULT_PAGE_SIZE, 1, settings.SEARCH_MAX_PAGE_SIZE, errors)
    year = _int(data, "year", None, 1900, 2100, errors)
    for name in ("department", "topic"):
        if len(data.get(name) or "") > 255:
            errors[name] = gettext("太长 / too long")
    if errors:
        raise ParameterError(errors)
    return SearchParams(q=q, type=type_, department=(data.get("department") or "").strip(),
                        topic=(data.get("topic") or "").strip(), year=year, sort=sort, page=page,
                        page_size=page_size)
