"""Synonyms editors manage (``search.Synonym``), applied at query time in both engines.

Expanding the query instead of the index means an edit is live on the next query: no reindex,
no analyzer reload, no downtime, and the database fallback behaves the same as Elasticsearch."""
from __future__ import annotations

from django.core.cache import cache

CACHE_KEY = "search:synonyms:v1"


def rules() -> list[tuple[list[str], list[str]]]:
    """(words that trigger, words to add) pairs; equivalence sets become one rule per word."""
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    from search.models import Synonym

    result: list[tuple[list[str], list[str]]] = []
    for synonym in Synonym.objects.filter(enabled=True):
        terms = Synonym.split(synonym.terms)
        if synonym.expands_to:
            result.append((terms, Synonym.split(synonym.expands_to)))
        elif len(terms) > 1:
            result.append((terms, terms))
    cache.set(CACHE_KEY, result, 300)
    return result


def invalidate(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def expand(query: str, *, limit: int = 5) -> list[str]:
    """Alternative queries: each rule whose word occurs in ``query`` replaces it by each other
    word (五险一金 → 社会保险, 住房公积金 gives "社会保险" and "住房公积金"); any variant may match."""
    lowered = query.lower()
    variants: list[str] = []
    for triggers, targets in rules():
        for word in triggers:
            if word and word in lowered:
                others = [t for t in targets if t != word]
                candidates = [lowered.replace(word, other) for other in others]
                variants.extend(c for c in candidates if c not in variants and c != lowered)
    return variants[:limit]
