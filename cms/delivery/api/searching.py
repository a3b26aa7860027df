"""Full-text ``search`` of the content API: page ids matching a query, best first.

Goes through the search service (``search.service.matching_keys``): the same Chinese analysis,
synonyms and database fallback as ``/api/search/``, as an anonymous user, so only public items
can match. Only ids come back; visibility and every other filter are applied afterwards by the
caller on its public queryset, so a search can never widen what is shown.
"""
from __future__ import annotations

MAX_SEARCH_HITS = 1000
PAGE_KEY_PREFIX = "page:"


def search_ids(query: str, models: list[type]) -> list[int]:
    """Ids of matching pages; ``models`` is kept for callers, the caller's queryset does the typing."""
    from search.service import matching_keys

    return [int(key[len(PAGE_KEY_PREFIX):]) for key in matching_keys(query, None, MAX_SEARCH_HITS)
            if key.startswith(PAGE_KEY_PREFIX)]
