"""Queries against Elasticsearch: full text with field boosts, synonyms as alternative queries,
filters (permissions, expiry, facets), highlighting, facets and type-ahead."""
from __future__ import annotations

import html

from django.conf import settings
from django.utils import timezone

from search.engine.client import get_client
from search.engine.index import alias_name
from search.params import SearchParams
from search.results import facet_list, result_item
from search.text import looks_like_doc_number, normalize_doc_number, segmented

BIGRAM_FIELDS = ["title^5", "summary^2", "body", "materials^1.5", "legal_basis", "doc_number^3", "faqs",
                 "extra", "department.text", "topics.text^2"]
SEG_FIELDS = ["title_seg^5", "text_seg"]
HIGHLIGHT_FIELDS = ("body", "materials", "faqs", "summary", "legal_basis", "extra")


def text_query(text: str, mode: str) -> dict:
    bigram = {"multi_match": {"query": text, "fields": BIGRAM_FIELDS, "type": "best_fields",
                              "minimum_should_match": "75%", "tie_breaker": 0.3}}
    seg = {"multi_match": {"query": segmented(text), "fields": SEG_FIELDS, "type": "best_fields",
                           "minimum_should_match": "75%", "tie_breaker": 0.3}}
    phrase = {"match_phrase": {"title": {"query": text, "boost": 3}}}
    parts: list[dict] = []
    if mode in ("bigram", "both"):
        parts += [bigram, phrase]
    if mode in ("jieba", "both"):
        parts.append(seg)
    return {"bool": {"should": parts, "minimum_should_match": 1}}


def match_query(q: str, variants: list[str], mode: str) -> dict:
    alternatives = [text_query(q, mode)]
    alternatives += [{"bool": {"must": [text_query(v, mode)], "boost": 0.8}} for v in variants]
    if looks_like_doc_number(q) or len(normalize_doc_number(q)) >= 6:
        alternatives.append({"term": {"doc_number_norm": {"value": normalize_doc_number(q), "boost": 50}}})
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def visibility_filters(tokens: list[str]) -> list[dict]:
    now = timezone.now().isoformat()
    return [
        {"terms": {"access": tokens}},
        {"bool": {"should": [{"bool": {"must_not": {"exists": {"field": "expires_at"}}}},
                             {"range": {"expires_at": {"gt": now}}}], "minimum_should_match": 1}},
    ]


def facet_filters(params: SearchParams) -> list[dict]:
    filters = []
    for field, value in (("type", params.type), ("department", params.department), ("topics", params.topic),
                         ("year", params.year)):
        if value not in ("", None):
            filters.append({"term": {field: value}})
    return filters


def search_body(params: SearchParams, tokens: list[str], variants: list[str], mode: str | None = None) -> dict:
    mode = mode or settings.SEARCH_QUERY_MODE
    query = match_query(params.q, variants, mode) if params.q else {"match_all": {}}
    scored = {"function_score": {
        "query": {"bool": {"must": [query], "filter": visibility_filters(tokens) + facet_filters(params)}},
        # valid policies above repealed / invalid ones for the same words
        "functions": [{"filter": {"term": {"validity": "invalid"}}, "weight": 0.2}],
        "score_mode": "multiply", "boost_mode": "multiply",
    }}
    sort = ["_score", {"published_at": {"order": "desc", "missing": "_last"}}]
    if params.sort == "newest" or not params.q:
        sort = [{"published_at": {"order": "desc", "missing": "_last"}}, "_score"]
    return {
        "query": scored,
        "from": params.offset,
        "size": params.page_size,
        "sort": sort,
        "track_total_hits": True,
        "track_scores": True,
        "_source": ["key", "type", "slug", "title", "url", "summary", "department", "topics", "published_at"],
        "highlight": {
            "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
            "fields": {"title": {"number_of_fragments": 0},
                       **{name: {"fragment_size": 100, "number_of_fragments": 1} for name in HIGHLIGHT_FIELDS}},
        },
        "aggs": {
            "type": {"terms": {"field": "type", "size": 20}},
            "department": {"terms": {"field": "department", "size": 50}},
            "topic": {"terms": {"field": "topics", "size": 50}},
            "year": {"terms": {"field": "year", "size": 50, "order": {"_key": "desc"}}},
        },
    }


def search(params: SearchParams, tokens: list[str], variants: list[str], mode: str | None = None) -> dict:
    response = get_client().search(index=alias_name(), body=search_body(params, tokens, variants, mode))
    hits = response["hits"]
    results = []
    for hit in hits["hits"]:
        source = hit["_source"]
        highlights = hit.get("highlight", {})
        snippet = next((highlights[name][0] for name in HIGHLIGHT_FIELDS if highlights.get(name)), None)
        if snippet is None:
            snippet = html.escape((source.get("summary") or "")[:120])
        title_html = (highlights.get("title") or [html.escape(source.get("title", ""))])[0]
        results.append(result_item(source, snippet=snippet, title_html=title_html,
                                   score=hit.get("_score") or 0.0))
    aggs = response.get("aggregations", {})
    facets = {name: facet_list((b["key"], b["doc_count"]) for b in aggs.get(name, {}).get("buckets", []))
              for name in ("type", "department", "topic", "year")}
    return {"total": hits["total"]["value"], "results": results, "facets": facets}


def suggest(prefix: str, tokens: list[str], size: int = 8) -> list[str]:
    body = {
        "size": size * 2,
        "_source": ["title"],
        "query": {"bool": {
            "should": [{"match": {"title.prefix": {"query": prefix, "boost": 3}}},
                       {"match_phrase": {"title": {"query": prefix}}}],
            "minimum_should_match": 1,
            "filter": visibility_filters(tokens),
        }},
    }
    response = get_client().search(index=alias_name(), body=body)
    titles: list[str] = []
    for hit in response["hits"]["hits"]:
        title = hit["_source"]["title"]
        if title not in titles:
            titles.append(title)
    return titles[:size]
