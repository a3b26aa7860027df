"""The public search page, on the same search service as ``/api/search/`` (contract §2).

The page parses its query string with the API's own parser and calls ``search.service.search``
for the visitor, like the API view does: the same validation, permissions, fallback and
analytics, with no fake request in between. It works as a plain GET form; ``site.js`` adds
type-ahead from ``/api/search/suggest/``.
"""
from __future__ import annotations

import logging

import nh3
from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Site
from django.utils.translation import gettext, gettext_lazy as _

from cms.vocabulary import ContentType
from search import service
from search.params import ParameterError, parse_search_params
from themes.models import ThemeSettings

logger = logging.getLogger(__name__)

FORWARDED_PARAMS = ("q", "type", "department", "topic", "year", "sort", "page")
TYPE_LABELS = dict(ContentType.choices)
FACET_LABELS = {"type": _("类型"), "department": _("部门"), "topic": _("主题"), "year": _("年份")}
SORT_CHOICES = (("relevance", _("按相关度")), ("newest", _("按时间")))


def run_search(request, params: QueryDict) -> tuple[int, dict]:
    """The search service's answer for ``params`` as this visitor: (200, body), or (400, {})
    for parameters the API would refuse. Any other failure is the caller's to report."""
    try:
        parsed = parse_search_params(params)
    except ParameterError:
        return 400, {}
    return 200, service.search(parsed, request.user, request=request)


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
            api_status, body = run_search(request, params)
        except Exception:  # the page says so in plain words instead of a 500
            logger.exception("search page: the search service failed")
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
            context["error"] = gettext("搜索条件有误，请修改后重新搜索。")
        else:
            status = 503
            context["error"] = gettext("搜索服务暂时不可用，请稍后再试，或通过栏目导航查找。")
    return render(request, "themes/search.html", context, status=status)
