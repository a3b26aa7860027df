"""Registry of search sources: how a model's objects become search documents.

A source is registered once (``register_source``), from the app that knows the model's meaning
(for the CMS page types: ``search/sources/cms.py``). Indexing, rebuilds and signal handlers look
sources up here, never in an if-chain, so a new content model only needs a new source."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from search.documents import SearchDocument


class SearchSource:
    """Maps one model (and its subclasses) to search documents.

    ``to_document`` returns ``None`` when the object must not be found (draft, unpublished):
    the indexer then removes it. ``types`` are the ``type`` values the source produces; the API
    accepts only registered types as a filter."""

    name: str = ""
    model: type[models.Model]
    types: tuple[str, ...] = ()

    def key_for(self, obj) -> str:
        return f"{self.name}:{obj.pk}"

    def get_queryset(self) -> Iterable:
        return self.model._default_manager.all()

    def to_document(self, obj) -> SearchDocument | None:
        raise NotImplementedError

    def count(self) -> int:
        queryset = self.get_queryset()
        return queryset.count() if hasattr(queryset, "count") else 0

    def documents(self, batch_size: int = 500) -> Iterable[tuple[str, SearchDocument | None]]:
        """(key, document) for every object, for a rebuild. Override it to load in bulk (no query
        per object); the default derives each object with ``to_document``."""
        queryset = self.get_queryset()
        items = queryset.iterator(chunk_size=batch_size) if hasattr(queryset, "iterator") else queryset
        for obj in items:
            yield self.key_for(obj), self.to_document(obj)

    def related_objects(self, obj) -> Iterable:
        """Objects whose documents change when ``obj`` changes (e.g. a page's descendants when
        its view restriction changes). Default: none."""
        return ()


_sources: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> SearchSource:
    if not source.name:
        raise ValueError("a search source needs a name")
    _sources[source.name] = source
    return source


def sources() -> list[SearchSource]:
    return list(_sources.values())


def source_for(obj_or_model) -> SearchSource | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for source in _sources.values():
        if issubclass(model, source.model):
            return source
    return None


def registered_types() -> set[str]:
    return {t for source in _sources.values() for t in source.types}
