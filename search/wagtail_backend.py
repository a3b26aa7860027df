"""Wagtail's search backend for the admin, made to understand Chinese page searches.

Wagtail's admin page search, the page explorer's search and the page chooser all call
``Page.objects.….autocomplete(query)`` on the ``default`` Wagtail backend: the database backend,
whose full-text index splits on spaces, so 公积金 matched a page only when it was the whole
title. This backend delegates everything to that database backend, except that a page query
holding Chinese is first resolved by the project's search service (the same Chinese analysis,
synonyms and engine-or-database fallback as ``/api/search/``, over every access level, because
the admin view already limits pages to what the editor may explore) plus the pages whose title or
draft title contain the words (drafts are not in the search index). The database backend then
returns those pages as ordinary Wagtail search results, so filters, facets and paging keep working.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.wagtail_backend"``.
"""
from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import MATCH_ALL, And, Boost, Fuzzy, Or, Phrase, PlainText

CJK = re.compile(r"[\u3400-\u9fff]")
MAX_PAGES = 1000


def query_text(query) -> str:
    """The words of a Wagtail/modelsearch query object (or a plain string)."""
    if isinstance(query, str):
        return query
    if isinstance(query, (PlainText, Phrase, Fuzzy)):
        return query.query_string
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, (And, Or)):
        return " ".join(query_text(sub) for sub in query.subqueries)
    return ""


def page_ids_for(text: str) -> set[int]:
    """Pages about ``text``: the search service's hits (any access level) and title matches."""
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    from search.access import access_tokens
    from search.documents import AUTHENTICATED, group_token
    from search.service import matching_keys

    tokens = [*access_tokens(None), AUTHENTICATED, *(group_token(name) for name in Group.objects.values_list("name", flat=True))]
    ids = {int(key.split(":", 1)[1]) for key in matching_keys(text, tokens=tokens, limit=MAX_PAGES) if key.startswith("page:")}
    words = text.split()
    if words:
        title = Q()
        for word in words:
            title &= Q(title__icontains=word) | Q(draft_title__icontains=word)
        ids.update(Page.objects.filter(title).values_list("pk", flat=True)[:MAX_PAGES])
    return ids


class ChineseAwareSearchBackend:
    """Wraps the database backend; only Chinese page queries take the detour described above."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def _rewrite(self, query, model_or_queryset):
        from wagtail.models import Page

        queryset = model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset.objects.all()
        text = query_text(query)
        if not issubclass(queryset.model, Page) or not CJK.search(text):
            return query, model_or_queryset
        return MATCH_ALL, queryset.filter(pk__in=page_ids_for(text))

    def search(self, query, model_or_queryset, **kwargs):
        query, model_or_queryset = self._rewrite(query, model_or_queryset)
        return self._inner.search(query, model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        query, model_or_queryset = self._rewrite(query, model_or_queryset)
        return self._inner.autocomplete(query, model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    return ChineseAwareSearchBackend(database_backend(params))
