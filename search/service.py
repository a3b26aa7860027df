"""The query service behind ``/api/search/``: picks the engine, falls back to the database when
Elasticsearch fails, adds promoted results and, when nothing matched, suggestions.

One engine round trip per request: type-ahead suggestions are asked for only when the search
found nothing (and the view records analytics in a buffer, ``search.analytics``, not here)."""
from __future__ import annotations

import dataclasses
import html
import logging

from search import engine, lexicon, understanding
from search.access import access_tokens
from search.backends import database
from search.params import SearchParams
from search.results import result_item
from search.text import normalize_query

logger = logging.getLogger(__name__)


def _with_fallback(engine_call, database_call, what: str):
    """Ask the search engine when one is configured; answer from the database when it is not, or
    when it fails, so a lost engine degrades quality, never availability. Returns (answer, backend)."""
    if engine.is_configured():
        from search.engine.client import engine_errors

        try:
            return engine_call(), "elasticsearch"
        except engine_errors() as exc:
            logger.warning("search engine failed for %s, answering from the database: %s", what, exc)
    return database_call(), "database"


def _engine_search(params: SearchParams, tokens: list[str], variants: list[str]) -> tuple[dict, str]:
    def ask_engine():
        from search.engine import query

        return query.search(params, tokens, variants)

    return _with_fallback(ask_engine, lambda: database.search(params, tokens, variants), "a search")


def matching_keys(q: str, user=None, limit: int = 1000, *, tokens: list[str] | None = None) -> list[str]:
    """Keys (e.g. ``page:42``) of the items matching ``q`` that ``user`` may see, best first.

    For other apps that filter their own querysets by full text (the content API's ``search``
    parameter): the same engine, Chinese analysis, synonyms and fallback as ``/api/search/``, but
    no promoted results and no analytics row, because no person typed this into the search box.
    """
    params = SearchParams(q=q, page=1, page_size=limit)
    found, _backend, _understood = understood_search(params, tokens if tokens is not None else access_tokens(user))
    return [item["key"] for item in found["results"] if item.get("key")]


def understood_search(params: SearchParams, tokens: list[str]) -> tuple[dict, str, understanding.Understood | None]:
    """Search for what the query means (search/understanding.py): its content words and their
    synonyms; when together they find nothing, the shorter ``relaxed`` queries, rarest words kept;
    for a long sentence that still finds nothing, any of its content words (``any_words``)."""
    if not params.q:
        found, backend = _engine_search(params, tokens, [])
        return found, backend, None
    understood = understanding.understand(params.q)
    found, backend = _engine_search(dataclasses.replace(params, q=understood.text), tokens, understood.variants)
    for shorter in understood.relaxed if not found["total"] else []:
        variants = [" ".join(v) for v in understanding.expansions(shorter.split(" "))][:understanding.MAX_VARIANTS]
        found, backend = _engine_search(dataclasses.replace(params, q=shorter), tokens, variants)
        if found["total"]:
            break
    if not found["total"] and understood.any_words:
        # each word is an alternative of its own (OR); entries with more of them rank higher
        first, *others = understood.any_words
        found, backend = _engine_search(dataclasses.replace(params, q=first), tokens, others)
    return found, backend, understood


def related_suggestions(understood: understanding.Understood, user, size: int = 5) -> list[str]:
    """When nothing matched: titles that match one of the words, else the popular services."""
    titles: list[str] = []
    tokens = access_tokens(user)
    for term in understood.terms[:3] if len(understood.terms) > 1 else []:
        found, _backend = _engine_search(SearchParams(q=term, page_size=3), tokens, [])
        titles += [item["title"] for item in found["results"] if item["title"] not in titles]
    return (titles or lexicon.lines("popular.txt"))[:size]


def suggest(prefix: str, user, size: int = 8) -> tuple[list[str], str]:
    prefix = prefix.strip()[:100]
    if not prefix:
        return [], "database"
    tokens = access_tokens(user)
    def ask_engine():
        from search.engine import query

        return query.suggest(prefix, tokens, size)

    return _with_fallback(ask_engine, lambda: database.suggest(prefix, tokens, size), "suggestions")


def promoted_for(params: SearchParams, tokens: list[str]) -> list[dict]:
    """Best bets for this exact query, only those the user may see, on the first page only."""
    from search.backends.database import visible
    from search.models import PromotedResult

    if not params.q or params.page != 1:
        return []
    pins = list(PromotedResult.objects.filter(query=normalize_query(params.q)).order_by("sort_order", "id"))
    if not pins:
        return []
    entries = {e.key: e for e in visible(tokens).filter(key__in=[f"page:{pin.page_id}" for pin in pins])}
    items = []
    for pin in pins:
        entry = entries.get(f"page:{pin.page_id}")
        if entry is not None and (not params.type or entry.type == params.type):
            doc = entry.document
            items.append(result_item(doc, snippet=html.escape((doc.get("summary") or "")[:120]),
                                     title_html=html.escape(doc.get("title", "")), score=0.0, promoted=True))
    return items


def search(params: SearchParams, user, *, request=None) -> dict:
    """The answer to a search. With ``request`` (a person typed it: the API, the search page) a
    first-page query with text also counts in analytics, per client, buffered (search.analytics)."""
    tokens = access_tokens(user)
    found, backend, understood = understood_search(params, tokens)
    results = found["results"]
    total = found["total"]
    promoted = promoted_for(params, tokens)
    if promoted:
        pinned_keys = {item["key"] for item in promoted}
        results = promoted + [item for item in results if item["key"] not in pinned_keys]
        results = results[:params.page_size]
    suggestions: list[str] = []
    if understood:
        suggestions = [understood.corrected.replace(" ", "")] if understood.corrected else []
        if total == 0:  # extra round trips only when nothing matched
            suggestions += related_suggestions(understood, user)
            suggestions += [t for t in suggest(understood.text or params.q, user, 5)[0] if t not in suggestions]
    body = {
        "query": params.q,
        "total": total,
        "total_exact": found.get("total_exact", True),
        "page": params.page,
        "page_size": params.page_size,
        "backend": backend,
        "results": results,
        "facets": found["facets"],
        "suggestions": suggestions[:8],
    }
    if request is not None and params.q and params.page == 1:  # paging is not a new query
        from search import analytics

        analytics.record_query(request, query=params.q, results=total, backend=backend)
    return body
