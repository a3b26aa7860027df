"""Search relevance, both engines on the same data in one run.

* ``--set qinglan`` (default): the 青岚市 judged set (tests/search/qinglan: 306 documents, 264
  graded queries of twelve kinds), development part and/or held-out part: nDCG@10 per kind of
  query, queries with no result although a relevant item exists, and for the queries with no
  good answer the share that show no results and the share that get suggestions.
* ``--set demo``: the 40 judged queries over the demo content (tests/search/judgments.py), for
  Elasticsearch with each Chinese analysis (CJK bigrams, jieba, both) and the database fallback.

Starts its own search node (as the test command does) unless ELASTICSEARCH_URL is set, and uses
a throwaway SQLite database.

    .venv/bin/python bench/search_relevance.py [--set qinglan|demo] [--part dev|heldout|both] [--per-query]
        [--set-dir DIR]   # a variant of the 青岚市 set (tests/search/qinglan/generate.py --out DIR)

Tune on ``--part dev`` only; ``heldout`` is for reporting (BENCHMARKS.md says when it was looked at).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("qinglan", "demo"), default="qinglan")
    parser.add_argument("--part", choices=("dev", "heldout", "both"), default="dev")
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument("--set-dir", type=Path, default=None, help="a generated variant of the 青岚市 set")
    args = parser.parse_args()
    from bench.search_env import search_environment

    prefix = f"bench-relevance-{args.set}"
    with search_environment(prefix):
        from tests.search.conftest import delete_test_indices

        delete_test_indices(prefix)  # a node kept between runs (ELASTICSEARCH_URL) keeps no earlier run's documents
        (run_qinglan if args.set == "qinglan" else run_demo)(args)


def searcher(**overrides):
    """``q -> (keys, total, suggestions)`` through the search service, as an anonymous visitor."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import override_settings

    from search.params import SearchParams
    from search.service import search
    from tests.search.qinglan.evaluate import Answer

    def one(q):
        with override_settings(**overrides):
            body = search(SearchParams(q=q, page_size=10), AnonymousUser())
        return Answer([r["key"] for r in body["results"]], body["total"], body["suggestions"])
    return one


def run_qinglan(args) -> None:
    from django.conf import settings

    from search import engine
    from search.recording import store_document
    from tests.search import qinglan
    from tests.search.qinglan.evaluate import evaluate

    from search.engine.client import get_client
    from search.engine.index import ensure_index

    settings.SEARCH_LOG_QUERIES = False
    ensure_index(get_client())
    root = args.set_dir or qinglan.HERE
    for document in qinglan.documents(root):
        store_document(document.key, document)
    engine.drain_outbox(refresh=True)
    engines = [("elasticsearch", searcher()), ("database", searcher(ELASTICSEARCH_URL=""))]
    parts = ("dev", "heldout") if args.part == "both" else (args.part,)
    for part in parts:
        queries = qinglan.queries(part, root)
        reports = [(name, evaluate(run, queries)) for name, run in engines]
        print(f"\n{'青岚市' if root == qinglan.HERE else root} judged set, {part} part: {len(queries)} queries; nDCG@10 (queries with a relevant item)")
        print(f"  {'kind':14s} {'n':>4s}" + "".join(f"{name:>15s}" for name, _ in reports))
        first = reports[0][1]
        for kind in first.per_kind:
            print(f"  {kind:14s} {first.counts[kind]:4d}" + "".join(f"{r.per_kind[kind]:15.3f}" for _, r in reports))
        print(f"  {'ALL':14s} {sum(first.counts[k] for k in first.per_kind):4d}"
              + "".join(f"{r.ndcg:15.3f}" for _, r in reports))
        print("  zero results although a relevant item exists: "
              + "; ".join(f"{name} {len(r.zero_with_relevant)} {r.zero_with_relevant[:6]}" for name, r in reports))
        print(f"  no-answer queries ({first.counts['no_answer']}): "
              + "; ".join(f"{name} {r.no_answer_clean:.0%} show no results, {r.no_answer_suggested:.0%} get suggestions"
                          for name, r in reports))
        if args.per_query:
            for q, score in sorted(first.per_query.items(), key=lambda item: item[1]):
                others = "  ".join(f"{r.per_query[q]:.2f}" for _, r in reports[1:])
                print(f"    {score:.2f}  {others}  {q}")


def run_demo(args) -> None:
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.test import override_settings

    from search import engine
    from search.params import SearchParams
    from search.service import search
    from tests.search.judgments import JUDGMENTS, mean_ndcg

    settings.SEARCH_LOG_QUERIES = False
    from cms.demo import load_cms_demo

    load_cms_demo()
    call_command("rebuild_search_index", "--no-progress", stdout=open(os.devnull, "w"))
    engine.drain_outbox(refresh=True)

    def run_with(**overrides):
        with override_settings(**overrides):
            def one(q):
                body = search(SearchParams(q=q, page_size=10), AnonymousUser())
                return [r["slug"] for r in body["results"]]
            return mean_ndcg(one)

    rows = [
        ("elasticsearch, CJK bigrams", run_with(SEARCH_QUERY_MODE="bigram")),
        ("elasticsearch, jieba", run_with(SEARCH_QUERY_MODE="jieba")),
        ("elasticsearch, both (default)", run_with(SEARCH_QUERY_MODE="both")),
        ("database fallback", run_with(ELASTICSEARCH_URL="")),
    ]
    print(f"nDCG@10 over {len(JUDGMENTS)} judged queries (demo content, anonymous user)")
    baseline = rows[0][1][0]
    for label, (score, _) in rows:
        print(f"  {label:32s} {score:.3f}   ratio to bigrams {score / baseline:.2f}")
    if args.per_query:
        for q in JUDGMENTS:
            print("  " + q.ljust(16, "　") + "  ".join(f"{per[q]:.2f}" for _, (_, per) in rows))


if __name__ == "__main__":
    main()
