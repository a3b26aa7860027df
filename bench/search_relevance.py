"""Search relevance: nDCG@10 of the judged query set (tests/search/judgments.py, 40 Chinese
queries with graded relevance) over the demo content, for Elasticsearch with each Chinese
analysis (CJK bigrams, jieba, both) and for the database fallback, in one run on the same data.

Starts its own search node (as the test command does) unless ELASTICSEARCH_URL is set, and uses
a throwaway SQLite database.

    .venv/bin/python bench/search_relevance.py [--per-query]
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
    parser.add_argument("--per-query", action="store_true")
    args = parser.parse_args()
    from bench.search_env import search_environment

    with search_environment("bench-relevance"):
        run(args)


def run(args) -> None:
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
