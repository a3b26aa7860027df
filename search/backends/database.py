"""The database fallback: the same search over ``SearchEntry`` rows, on SQLite or PostgreSQL.

Matching and ranking happen in the database, on its own full-text index over bigram tokens
(search/backends/fulltext.py: FTS5 + bm25 on SQLite, a GIN-indexed tsvector + ts_rank on
PostgreSQL): every word of the query (already understood, search/understanding.py) must occur
as a phrase, any synonym alternative may match instead. On top of the engine's rank, in the same
SQL: titles that contain the words rank higher (all of the query in the title higher still),
repealed or invalid policies lower, and an exact 文号 first. Only the page's rows and the small
facet columns of the matches leave the database."""
from __future__ import annotations

import html
from collections import Counter

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from search.backends.fulltext import RANK_WINDOW, TABLE, backend_for
from search.models import SearchEntry
from search.params import SearchParams
from search.results import facet_list, result_item
from search.text import highlight, looks_like_doc_number, normalize_doc_number

FIELDS = ("id", "key", "type", "slug", "title", "url", "summary", "text", "department", "topics", "year",
          "published_at", "validity", "doc_number_norm")
INVALID_FACTOR = 0.2
TITLE_TERM_BONUS = 0.5  # per share of the query's words found in the title
TITLE_PHRASE_BONUS = 1.0  # the whole query, as typed, in the title
# Of two titles with the words, the one that is little else ranks higher: the city's own guide
# above a district's copy of it (青岚市离婚登记 vs 青岚市临江区离婚登记办事指南).
TITLE_COVERAGE_BONUS = 0.5  # times the share of the title's characters that are the query's words
DOC_NUMBER_SCORE = 1000.0
# Citizens search to get something done: a service guide ranks a little above a notice or a
# policy that uses the same words (an editor's promoted result still comes first).
TYPE_PRIOR = {"service_guide": 1.25}


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
    return queryset


def _topic_sql(params: SearchParams, backend) -> tuple[str, list]:
    return (f" AND {backend.topic_filter()}", [backend.topic_param(params.topic)]) if params.topic else ("", [])


def _where(queryset) -> tuple[str, list]:
    """The WHERE clause of a queryset over ``SearchEntry`` as SQL (columns qualified with the
    table name), so the permission and facet filters stay defined once, in ``_filtered``."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.compile(queryset.query.where)
    return sql or "1 = 1", list(params)


def _ranked(params: SearchParams, tokens: list[str], alternatives: list[list[str]], exclude: list[int],
            limit: int, offset: int):
    """(page rows as (id, score), facet rows as (type, department, year, topics, count)), from one
    statement: the matches are filtered and scored once (``matched``), the page is ordered and cut
    in SQL, and the facets are grouped in SQL, so only the page and a few grouped rows come back.
    Where the vendor's full rank is costly (``backend.rerank``: PostgreSQL), the business rules
    pick the best ``RANK_WINDOW`` matches first and only those get the full rank."""
    backend = backend_for(connection)
    backend.ensure(connection)
    match_sql, match_params = backend.matches(alternatives)
    filter_sql, filter_params = _where(_filtered(params, tokens))
    topic_sql, topic_params = _topic_sql(params, backend)
    terms = alternatives[0]
    title_terms = " + ".join([f"(CASE WHEN {TABLE}.title LIKE %s THEN 1 ELSE 0 END)"] * len(terms)) or "0"
    covered = " + ".join(f"(CASE WHEN {TABLE}.title LIKE %s THEN {len(t)} ELSE 0 END)" for t in terms) or "0"
    title_params = [f"%{t}%" for t in terms]
    prior = " ".join(f"WHEN {TABLE}.type = '{type_}' THEN {factor}" for type_, factor in TYPE_PRIOR.items())
    score = (f"m.rank * (CASE WHEN {TABLE}.validity = 'invalid' THEN {INVALID_FACTOR} ELSE 1 END)"
             f" * (CASE {prior} ELSE 1 END)"
             f" * (1 + {TITLE_TERM_BONUS} * ({title_terms}) / {max(1, len(terms))}.0"
             f" + (CASE WHEN {TABLE}.title LIKE %s THEN {TITLE_PHRASE_BONUS} ELSE 0 END)"
             f" + {TITLE_COVERAGE_BONUS} * ({covered}) / (length({TABLE}.title) + 1.0))")
    phrase_param = ["%" + "".join(terms) + "%", *title_params]
    excluded = f" AND {TABLE}.id NOT IN ({', '.join(['%s'] * len(exclude))})" if exclude else ""
    order = "published_at DESC, score DESC" if params.sort == "newest" else "score DESC, published_at DESC"
    matched = (f"matched AS MATERIALIZED (SELECT {TABLE}.id AS id, {score} AS score, {TABLE}.published_at AS published_at, "
               f"{TABLE}.type AS type, {TABLE}.department AS department, {TABLE}.year AS year, {TABLE}.topics AS topics "
               f"FROM {match_sql} "
               f"WHERE {filter_sql}{topic_sql}{excluded})")
    sql_params = [*title_params, *phrase_param, *match_params, *filter_params, *topic_params, *exclude]
    rerank = backend.rerank(alternatives)
    if rerank is None:
        page = (f"page AS (SELECT id, score, published_at FROM matched ORDER BY {order} LIMIT %s OFFSET %s)")
        sql_params += [limit, offset]
    else:
        rank_sql, rank_params = rerank
        page = (f"windowed AS (SELECT id, score, published_at FROM matched ORDER BY {order} LIMIT %s), "
                f"page AS (SELECT windowed.id AS id, windowed.score * {rank_sql} AS score, "
                f"windowed.published_at AS published_at FROM windowed JOIN {TABLE} ON {TABLE}.id = windowed.id "
                f"ORDER BY {order} LIMIT %s OFFSET %s)")
        sql_params += [max(RANK_WINDOW, offset + limit), *rank_params, limit, offset]
    sql = (f"WITH {matched}, {page} "
           f"SELECT 0, id, score, row_number() OVER (ORDER BY {order}), NULL, NULL, NULL, NULL FROM page "
           f"UNION ALL SELECT 1, NULL, NULL, count(*), type, department, year, {backend.topics_text('topics')} "
           f"FROM matched GROUP BY type, department, year, {backend.topics_text('topics')}")
    with transaction.atomic(), connection.cursor() as cursor, backend.index_only_match(cursor):
        cursor.execute(sql, sql_params)
        rows = cursor.fetchall()
    page_rows = sorted((row[3], row[1], row[2]) for row in rows if row[0] == 0)
    return [(id_, score) for _, id_, score in page_rows], [(*row[4:], row[3]) for row in rows if row[0] == 1]


def _alternatives(q: str, variants: list[str]) -> list[list[str]]:
    found = []
    for text in [q, *variants]:
        terms = [t for t in text.lower().split(" ") if t]
        if terms and terms not in found:
            found.append(terms)
    return found


def search(params: SearchParams, tokens: list[str], variants: list[str]) -> dict:
    if not params.q:
        return _browse(params, tokens)
    alternatives = _alternatives(params.q, variants)
    pinned: list[int] = []
    if looks_like_doc_number(params.q) or len(normalize_doc_number(params.q)) >= 6:
        norm = normalize_doc_number(params.q)
        queryset = _filtered(params, tokens).filter(doc_number_norm=norm)
        if params.topic:
            queryset = [e for e in queryset.only("id", "topics") if params.topic in (e.topics or [])]
        pinned = [entry.id for entry in queryset][:10]
    on_page = [(i, DOC_NUMBER_SCORE) for i in pinned][params.offset:params.offset + params.page_size]
    page, facet_rows = _ranked(params, tokens, alternatives, pinned, limit=params.page_size - len(on_page),
                               offset=max(0, params.offset - len(pinned)))
    pinned_rows = [(*row, 1) for row in
                   SearchEntry.objects.filter(id__in=pinned).values_list("type", "department", "year", "topics")]
    highlight_terms = sorted({t for terms in alternatives for t in terms}, key=len, reverse=True)
    return {"total": sum(row[4] for row in facet_rows) + len(pinned_rows),
            "results": _items(on_page + page, highlight_terms), "facets": _facets(facet_rows + pinned_rows)}


def _items(page: list[tuple[int, float]], terms: list[str]) -> list[dict]:
    rows = {row["id"]: row for row in SearchEntry.objects.filter(id__in=[i for i, _ in page]).values(*FIELDS)}
    results = []
    for id_, score in page:
        row = rows.get(id_)
        if row is None:
            continue
        lowered = (row["text"] or "").lower()
        text = row["text"] if any(t in lowered for t in terms) else row["summary"]
        snippet = highlight(text or row["summary"] or "", terms) if terms else html.escape((row["summary"] or "")[:120])
        title_html = highlight(row["title"], terms, width=500) if terms else html.escape(row["title"])
        results.append(result_item(row, snippet=snippet, title_html=title_html, score=float(score or 0.0)))
    return results


def _browse(params: SearchParams, tokens: list[str]) -> dict:
    """No query text: everything the filters allow, newest first."""
    queryset = _filtered(params, tokens)
    facet_rows = [(*row, 1) for row in queryset.values_list("type", "department", "year", "topics")]
    if params.topic:
        facet_rows = [row for row in facet_rows if params.topic in (row[3] or [])]
        queryset = queryset.filter(id__in=[e.id for e in queryset.only("id", "topics") if params.topic in (e.topics or [])])
    ids = list(queryset.order_by("-published_at", "-id").values_list("id", flat=True)
               [params.offset:params.offset + params.page_size])
    return {"total": len(facet_rows), "results": _items([(i, 0.0) for i in ids], []), "facets": _facets(facet_rows)}


def _facets(rows) -> dict:
    """Facet counts from rows of (type, department, year, topics, count)."""
    import json

    counters = {name: Counter() for name in ("type", "department", "topic", "year")}
    topic_lists = Counter()
    for type_, department, year, topics, count in rows:
        counters["type"][type_] += count
        counters["department"][department] += count
        counters["year"][year] += count
        topic_lists[topics if isinstance(topics, str) else json.dumps(topics or [])] += count
    for topics, count in topic_lists.items():  # few distinct lists: decode each once
        for topic in json.loads(topics) or []:
            counters["topic"][topic] += count
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
