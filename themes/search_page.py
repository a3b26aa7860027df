"""The public search page, built only on the public search API (contract §2).

The page calls ``/api/search/`` in-process (the same view, URL and permission rules a browser
would meet) rather than the search app's internals, so the two stay free to change behind the
contract. It works as a plain GET form; ``site.js`` adds type-ahead from ``/api/search/suggest/``.
"""
from __future__ import annotations

import json
import logging

import nh3
from django.http import Http404, HttpRequest, QueryDict
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_GET
from wagtail.models import Site

from cms.vocabulary import ContentType
from themes.models import ThemeSettings

logger = logging.getLogger(__name__)

SEARCH_API_PATH = "/api/search/"
FORWARDED_PARAMS = ("q", "type", "department", "topic", "year", "sort", "page")
TYPE_LABELS = dict(ContentType.choices)
FACET_LABELS = {"type": "类型", "department": "部门", "topic": "主题", "year": "年份"}
SORT_CHOICES = (("relevance", "按相关度"), ("newest", "按时间"))


class SearchUnavailable(Exception):
    """The search API did not answer with JSON: the page says so in plain words."""


def call_search_api(request, params: QueryDict) -> tuple[int, dict]:
    """Run the search API's view for ``params`` as the same visitor; returns (status, body)."""
    try:
        match = resolve(SEARCH_API_PATH)
    except Resolver404 as exc:
        raise SearchUnavailable("search API is not installed") from exc
    inner = HttpRequest()
    inner.method = "GET"
    inner.path = inner.path_info = SEARCH_API_PATH
    inner.GET = params
    inner.META = {**request.META, "QUERY_STRING": params.urlencode(), "REQUEST_METHOD": "GET",
                  "PATH_INFO": SEARCH_API_PATH, "HTTP_ACCEPT": "application/json"}
    inner.COOKIES = request.COOKIES
    for attr in ("user", "session", "_wagtail_site"):
        if hasattr(request, attr):
            setattr(inner, attr, getattr(request, attr))
    try:
        response = match.func(inner, *match.args, **match.kwargs)
    except Http404 as exc:  # the path fell through to the page tree: no search app answers there
        raise SearchUnavailable("search API is not installed") from exc
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    try:
        return response.status_code, json.loads(response.content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SearchUnavailable(f"search API answered {response.status_code} without JSON") from exc


def clean_snippet(html: str) -> str:
    """Keep only the highlight marks of a snippet: the text comes from content, so never trust it."""
    return nh3.clean(html or "", tags={"mark"}, attributes={})


def link(params: QueryDict, **changes) -> str:
    """``?query`` for ``params`` with ``changes`` (``None`` removes); any change but a page
    change goes back to page 1."""
    result = params.copy()
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = str(value)
    if "page" not in changes:
        result.pop("page", None)
    return "?" + result.urlencode()


def facet_groups(facets: dict, params: QueryDict) -> list[dict]:
    """Facet values as links that add the filter, or remove it when it is already applied."""
    groups = []
    for key, label in FACET_LABELS.items():
        values = []
        for facet in facets.get(key) or []:
            value = str(facet.get("value", ""))
            selected = params.get(key) == value
            values.append({
                "value": value,
                "count": facet.get("count", 0),
                "label": TYPE_LABELS.get(value, value) if key == "type" else value,
                "selected": selected,
                "url": link(params, **{key: None if selected else value}),
            })
        if values:
            groups.append({"key": key, "label": label, "values": values})
    return groups


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()
    params = QueryDict(mutable=True)
    for key in FORWARDED_PARAMS:
        value = request.GET.get(key, "").strip()
        if value:
            params[key] = value
    context = {
        "query": query, "results": [], "total": 0, "facets": [], "suggestions": [], "error": "",
        "current_sort": params.get("sort", "relevance"),
        "active_filters": [
            {"key": key, "value": params[key], "label": FACET_LABELS[key],
             "display": TYPE_LABELS.get(params[key], params[key]), "remove_url": link(params, **{key: None})}
            for key in FACET_LABELS if key in params
        ],
        "sort_links": [{"value": value, "label": label, "url": link(params, sort=value)} for value, label in SORT_CHOICES],
    }
    site = Site.find_for_request(request)
    context["popular_searches"] = ThemeSettings.for_site(site).popular_search_terms() if site else []
    status = 200
    if query:
        try:
            api_status, body = call_search_api(request, params)
        except SearchUnavailable as exc:
            logger.warning("search page: %s", exc)
            api_status, body = 503, {}
        except Exception:
            logger.exception("search page: the search API failed")
            api_status, body = 503, {}
        if api_status == 200:
            results = body.get("results", [])
            for item in results:
                item["snippet_html"] = clean_snippet(item.get("snippet", ""))
                item["type_label"] = TYPE_LABELS.get(item.get("type"), item.get("type", ""))
            page = int(body.get("page") or 1)
            page_size = int(body.get("page_size") or 10) or 10
            total = int(body.get("total") or 0)
            context.update(
                results=results, total=total, facets=facet_groups(body.get("facets") or {}, params),
                suggestions=body.get("suggestions") or [], backend=body.get("backend", ""),
                page=page, pages=max(1, -(-total // page_size)), first_index=(page - 1) * page_size + 1,
                previous_url=link(params, page=page - 1) if page > 1 else "",
                next_url=link(params, page=page + 1) if page * page_size < total else "",
            )
        elif api_status == 400:
            status = 400
            context["error"] = "搜索条件有误，请修改后重新搜索。"
        else:
            status = 503
            context["error"] = "搜索服务暂时不可用，请稍后再试，或通过栏目导航查找。"
    return render(request, "themes/search.html", context, status=status)
