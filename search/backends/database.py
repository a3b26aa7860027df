"""The database fallback: the same search over ``SearchEntry`` rows, on SQLite or PostgreSQL.

Candidates are found with portable ``LIKE`` substring matches, which is what makes Chinese work
without a tokenizer in the database: 营业执照 is a substring of 营业执照遗失补领. Long queries
are cut by jieba first (营业执照遗失补领 → 营业执照, 遗失, 补领) and every term must match.
Scoring, the repealed-policy penalty, facets and snippets are done in Python, which is fine for
the embedded default and for an outage (see BENCHMARKS.md for the 10,000-document figures)."""
from __future__ import annotations

import html
from collections import Counter

from django.db.models import Q
from django.utils import timezone

from search.models import SearchEntry
from search.params import SearchParams
from search.results import facet_list, result_item
from search.text import highlight, normalize_doc_number, query_terms

FIELDS = ("key", "type", "slug", "title", "url", "summary", "text", "department", "topics", "year",
          "published_at", "validity", "doc_number_norm")
WEIGHTS = {"title": 5.0, "summary": 2.0, "department": 1.0, "text": 1.0}


def visible(tokens: list[str]):
    access = Q(pk__in=[])
    for token in tokens:
        access |= Q(access_tokens__contains=f" {token} ")
    now = timezone.now()
    return SearchEntry.objects.filter(access).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def _filtered(params: SearchParams, tokens: list[str]):
    queryset = visible(tokens)
    if params.type:
        queryset = queryset.filter(type=params.type)
    if params.department:
        queryset = queryset.filter(department=params.department)
    if params.year:
        queryset = queryset.filter(year=params.year)
    return queryset  # topics (a JSON list, stored escaped) are filtered in Python, see search()


def _score(row: dict, terms: list[str], q: str) -> float:
    total = 0.0
    for term in terms:
        term_score = 0.0
        for field, weight in WEIGHTS.items():
            value = (row.get(field) or "").lower()
            if term in value:
                term_score += weight * (1 + min(value.count(term), 5) / 5)
        if term_score == 0:
            return 0.0  # every term must match (AND), like minimum_should_match on Elasticsearch
        total += term_score
    if q and q in (row.get("title") or "").lower():
        total += 5.0
    return total


def search(params: SearchParams, tokens: list[str], variants: list[str]) -> dict:
    queryset = _filtered(params, tokens)
    rows = []
    terms_used: list[str] = []
    if params.q:
        q = params.q.lower()
        alternatives = [(q, query_terms(q), 1.0)] + [(v, query_terms(v), 0.8) for v in variants]
        norm = normalize_doc_number(q)
        candidates = Q(doc_number_norm=norm) if norm else Q(pk__in=[])
        for _, terms, _ in alternatives:
            for term in terms:
                candidates |= Q(title__icontains=term) | Q(summary__icontains=term) | Q(text__icontains=term)
            terms_used += terms
        for row in queryset.filter(candidates).values(*FIELDS):
            score = max(_score(row, terms, text) * weight for text, terms, weight in alternatives)
            if norm and row["doc_number_norm"] == norm:
                score += 50.0
            if score <= 0:
                continue
            if row["validity"] == "invalid":
                score *= 0.2
            row["score"] = score
            rows.append(row)
    else:
        rows = [dict(row, score=0.0) for row in queryset.values(*FIELDS)]
    if params.topic:
        rows = [row for row in rows if params.topic in (row["topics"] or [])]
    never = timezone.make_aware(timezone.datetime(1900, 1, 1))
    if params.sort == "newest" or not params.q:
        rows.sort(key=lambda r: (r["published_at"] or never, r["score"]), reverse=True)
    else:
        rows.sort(key=lambda r: (r["score"], r["published_at"] or never), reverse=True)
    page = rows[params.offset:params.offset + params.page_size]
    terms_used = sorted(set(terms_used), key=len, reverse=True)
    results = []
    for row in page:
        text = row["text"] if any(t in (row["text"] or "").lower() for t in terms_used) else row["summary"]
        snippet = highlight(text or row["summary"] or "", terms_used) if terms_used else html.escape((row["summary"] or "")[:120])
        title_html = highlight(row["title"], terms_used, width=500) if terms_used else html.escape(row["title"])
        results.append(result_item(row, snippet=snippet, title_html=title_html, score=row["score"]))
    return {"total": len(rows), "results": results, "facets": _facets(rows)}


def _facets(rows: list[dict]) -> dict:
    counters = {name: Counter() for name in ("type", "department", "topic", "year")}
    for row in rows:
        counters["type"][row["type"]] += 1
        counters["department"][row["department"]] += 1
        counters["year"][row["year"]] += 1
        for topic in row["topics"] or []:
            counters["topic"][topic] += 1
    facets = {name: facet_list(counter.most_common(50)) for name, counter in counters.items()}
    facets["year"] = sorted(facets["year"], key=lambda item: item["value"], reverse=True)
    return facets


def suggest(prefix: str, tokens: list[str], size: int = 8) -> list[str]:
    queryset = visible(tokens)
    titles = list(queryset.filter(title__istartswith=prefix).order_by("-published_at")
                  .values_list("title", flat=True)[:size])
    if len(titles) < size:
        more = queryset.filter(title__icontains=prefix).exclude(title__in=titles).order_by("-published_at")
        titles += list(more.values_list("title", flat=True)[:size - len(titles)])
    return list(dict.fromkeys(titles))[:size]
