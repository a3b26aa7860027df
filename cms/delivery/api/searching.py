"""Full-text ``search`` of the content API: page ids matching a query, best first.

Goes through Wagtail's search backend (the database backend by default, Elasticsearch when the
search app configures it). Only ids come back; visibility and every other filter are applied
afterwards by the caller on its public queryset, so a search can never widen what is shown.
"""
from __future__ import annotations

from wagtail.search.backends import get_search_backend

MAX_SEARCH_HITS = 1000


def search_ids(query: str, models: list[type]) -> list[int]:
    backend = get_search_backend()
    ids: list[int] = []
    for model in models:
        results = backend.search(query, model.objects.all())
        ids.extend(page.pk for page in results[:MAX_SEARCH_HITS])
    return ids
