"""Queries against Elasticsearch: full text with field boosts, synonyms as alternative queries,
filters (permissions, expiry, facets), highlighting, facets and type-ahead.

Built for one engine round trip per request at 100,000 documents (BENCHMARKS.md, search speed):

- the text query is a list of clause builders (``MATCH_CLAUSES``): each returns the ``should``
  clauses it contributes; query understanding adds its own builder instead of editing this file;
- repealed/invalid policies are demoted by a ``boosting`` query (one Lucene query intersection),
  not a ``function_score`` evaluated on every hit;
- totals are tracked up to ``SEARCH_TRACK_TOTAL_HITS`` (exact below it; above it the total is
  that bound and ``total_exact`` is false);
- facets (four ``terms`` aggregations) are computed once per query and filters and kept in the
  cache (``SEARCH_FACET_CACHE_SECONDS``): the following pages, and the same query by anyone with
  the same access, cost no aggregation; any write to the index starts a new generation of the
  cache (``index.changed()``), so counts never lag a publication;
- highlighted fields carry offsets in the index (mapping.py), so snippets need no re-analysis;
- the expiry filter compares with the current minute rounded *up* (an item disappears up to a
  minute early, never late), so identical queries within a minute are identical requests and the
  shard request cache (``request_cache=true``) can answer them.
"""
from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from search.engine.client import get_client
from search.engine.index import alias_name, index_generation
from search.params import SearchParams
from search.results import facet_list, result_item
from search.text import looks_like_doc_number, normalize_doc_number, segmented

BIGRAM_FIELDS = ["title^5", "summary^2", "body", "materials^1.5", "legal_basis", "doc_number^3", "faqs",
                 "extra", "department.text", "topics.text^2"]
SEG_FIELDS = ["title_seg^5", "text_seg"]
HIGHLIGHT_FIELDS = ("body", "materials", "faqs", "summary", "legal_basis", "extra")
SOURCE_FIELDS = ["key", "type", "slug", "title", "url", "summary", "department", "topics", "published_at"]
FACETS = {
    "type": {"terms": {"field": "type", "size": 20}},
    "department": {"terms": {"field": "department", "size": 50}},
    "topic": {"terms": {"field": "topics", "size": 50}},
    "year": {"terms": {"field": "year", "size": 50, "order": {"_key": "desc"}}},
}
INVALID_WEIGHT = 0.2  # repealed / invalid policies score a fifth of a valid one with the same words


@dataclass(frozen=True)
class QueryText:
    """What the clause builders see: the user's text, its synonym variants and the analysis mode."""

    q: str
    variants: list[str] = field(default_factory=list)
    mode: str = "both"


def text_query(text: str, mode: str) -> dict:
    """One wording of the query over the bigram fields, the jieba fields, or both."""
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


def original_clauses(text: QueryText) -> list[dict]:
    return [text_query(text.q, text.mode)]


def synonym_clauses(text: QueryText) -> list[dict]:
    return [{"bool": {"must": [text_query(v, text.mode)], "boost": 0.8}} for v in text.variants]


def doc_number_clauses(text: QueryText) -> list[dict]:
    if looks_like_doc_number(text.q) or len(normalize_doc_number(text.q)) >= 6:
        return [{"term": {"doc_number_norm": {"value": normalize_doc_number(text.q), "boost": 50}}}]
    return []


# Each builder returns ``should`` clauses; a document matches when any clause does. Append a
# builder (e.g. query understanding's rewritten text) rather than adding branches here.
MATCH_CLAUSES: list[Callable[[QueryText], list[dict]]] = [original_clauses, synonym_clauses, doc_number_clauses]


def match_query(q: str, variants: list[str], mode: str) -> dict:
    text = QueryText(q=q, variants=list(variants), mode=mode)
    alternatives = [clause for builder in MATCH_CLAUSES for clause in builder(text)]
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def visibility_time():
    """Now, rounded up to the next minute: see the module docstring (request cache)."""
    now = timezone.now()
    rounded = now.replace(second=0, microsecond=0)
    return rounded + timedelta(minutes=1) if rounded != now else rounded


def visibility_filters(tokens: list[str]) -> list[dict]:
    """What ``tokens`` may see and what has not expired. "Not expired" is written as *not* (an
    expiry at or before now): one range over the few items that have an expiry, where "no expiry
    or a later one" needed an exists query over every document as well (same meaning)."""
    moment = visibility_time().isoformat()
    return [
        {"terms": {"access": sorted(tokens)}},
        {"bool": {"must_not": [{"range": {"expires_at": {"lte": moment}}}]}},
    ]


def facet_filters(params: SearchParams) -> list[dict]:
    filters = []
    for name, value in (("type", params.type), ("department", params.department), ("topics", params.topic),
                        ("year", params.year)):
        if value not in ("", None):
            filters.append({"term": {name: value}})
    return filters


def filtered_query(params: SearchParams, tokens: list[str], variants: list[str], mode: str) -> dict:
    query = match_query(params.q, variants, mode) if params.q else {"match_all": {}}
    return {"boosting": {
        "positive": {"bool": {"must": [query], "filter": visibility_filters(tokens) + facet_filters(params)}},
        "negative": {"term": {"validity": "invalid"}},
        "negative_boost": INVALID_WEIGHT,
    }}


def search_body(params: SearchParams, tokens: list[str], variants: list[str], mode: str | None = None,
                *, with_facets: bool = True) -> dict:
    mode = mode or settings.SEARCH_QUERY_MODE
    by_date = params.sort == "newest" or not params.q
    sort = ["_score", {"published_at": {"order": "desc", "missing": "_last"}}]
    if by_date:
        sort = [{"published_at": {"order": "desc", "missing": "_last"}}, "_score"]
    body = {
        "query": filtered_query(params, tokens, variants, mode),
        "from": params.offset,
        "size": params.page_size,
        "sort": sort,
        "track_total_hits": settings.SEARCH_TRACK_TOTAL_HITS,
        "_source": SOURCE_FIELDS,
    }
    if params.q:  # without words (browsing) nothing is marked: no highlighting to ask for
        body["highlight"] = highlight_request([params.q, *variants])
    if by_date:
        body["track_scores"] = True  # the score is part of each result, also when sorted by date
    if with_facets:
        body["aggs"] = FACETS
    return body


def highlight_request(texts: list[str]) -> dict:
    """Snippets and marked titles. The highlighter gets its own query: the wordings over the
    shown fields only. Given the search query itself it walked every clause (jieba fields, the
    title phrase, 文号 term, the demotion of repealed policies) for each hit and field, a fifth
    of the engine's time at 100,000 documents (BENCHMARKS.md, speed at scale); the words it
    marks are the same, as the shown fields are analysed by the same bigram analyser."""
    fields = ["title", *HIGHLIGHT_FIELDS]
    return {
        "pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
        "highlight_query": {"bool": {"should": [{"multi_match": {"query": text, "fields": fields}}
                                                for text in dict.fromkeys(texts) if text]}},
        "fields": {"title": {"number_of_fragments": 0},
                   **{name: {"fragment_size": 100, "number_of_fragments": 1} for name in HIGHLIGHT_FIELDS}},
    }


def facet_cache_key(params: SearchParams, tokens: list[str], variants: list[str], mode: str) -> str:
    """Facets depend on the query, the filters and the index contents, never on the page or the sort."""
    identity = [params.q, sorted(variants), mode, sorted(tokens), params.type, params.department, params.topic,
                params.year, settings.SEARCH_INDEX_PREFIX, index_generation()]
    digest = hashlib.sha1(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()
    return f"search:facets:{digest}"


def _facets_from(aggs: dict) -> dict:
    return {name: facet_list((b["key"], b["doc_count"]) for b in aggs.get(name, {}).get("buckets", []))
            for name in FACETS}


def search(params: SearchParams, tokens: list[str], variants: list[str], mode: str | None = None) -> dict:
    mode = mode or settings.SEARCH_QUERY_MODE
    key = facet_cache_key(params, tokens, variants, mode)
    facets = cache.get(key)
    body = search_body(params, tokens, variants, mode, with_facets=facets is None)
    response = get_client().search(index=alias_name(), body=body, request_cache=True)
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
    if facets is None:
        facets = _facets_from(response.get("aggregations", {}))
        cache.set(key, facets, settings.SEARCH_FACET_CACHE_SECONDS)
    total = hits["total"]
    return {"total": total["value"], "total_exact": total.get("relation", "eq") == "eq",
            "results": results, "facets": facets}


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
    response = get_client().search(index=alias_name(), body=body, request_cache=True)
    titles: list[str] = []
    for hit in response["hits"]["hits"]:
        title = hit["_source"]["title"]
        if title not in titles:
            titles.append(title)
    return titles[:size]
