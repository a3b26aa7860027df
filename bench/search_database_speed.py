"""Database fallback speed at ``--docs`` (default 10,000) generated Chinese documents, on SQLite
and on PostgreSQL (started like the test command's, unless ``--sqlite-only``): query p50/p95 of
``search.backends.database.search`` (full-text match and rank in the database, page, facets)
against the baseline of one plain ``LIKE`` query (count + first 10 rows) on the same table, in the
same run. Queries: one word, two words, a word and a synonym alternative, and a rare word.

    .venv/bin/python bench/search_database_speed.py [--docs 10000] [--queries 200] [--sqlite-only]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, args_list):
    latencies = []
    for args in args_list:
        t0 = time.perf_counter()
        fn(*args)
        latencies.append((time.perf_counter() - t0) * 1000)
    return statistics.median(latencies), percentile(latencies, 0.95)


def measure(label: str, docs: int, n_queries: int) -> None:
    from django.db import connection, transaction
    from django.db.models import Q

    from bench.search_speed import WORDS, generate
    from search.backends.database import search as db_search
    from search.models import SearchEntry
    from search.params import SearchParams
    from search.recording import store_document

    t0 = time.perf_counter()
    with transaction.atomic():
        for document in generate(docs, seed=11):
            store_document(document.key, document)
    rate = docs / (time.perf_counter() - t0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum leaves a table: hint bits, visibility, statistics
            cursor.execute("VACUUM ANALYZE search_searchentry")
    rng = random.Random(5)
    queries = []
    for i in range(n_queries):
        kind = i % 4
        if kind == 0:
            queries.append((rng.choice(WORDS), []))
        elif kind == 1:
            queries.append((f"{rng.choice(WORDS)} {rng.choice(WORDS)}", []))
        elif kind == 2:
            queries.append((rng.choice(WORDS), [rng.choice(WORDS)]))
        else:
            queries.append((rng.choice(WORDS) + rng.choice(WORDS), []))
    def ours_search(q, v):
        return db_search(SearchParams(q=q), ["public"], v)

    def like(q, v):
        word = q.split(" ")[0]
        rows = SearchEntry.objects.filter(Q(title__icontains=word) | Q(text__icontains=word))
        return rows.count(), list(rows.values("key", "title")[:10])

    for q, v in queries[:20]:  # warm both alike (caches, first reads), then time them
        ours_search(q, v), like(q, v)
    ours = timed(ours_search, queries)
    base = timed(like, queries)
    print(f"{label}, {docs:,} rows ({rate:,.0f} rows/s written through store_document), {len(queries)} queries: "
          f"ours p50 {ours[0]:.1f} ms p95 {ours[1]:.1f} ms; baseline (one LIKE) p50 {base[0]:.1f} ms "
          f"p95 {base[1]:.1f} ms; ratio p50 {ours[0] / base[0]:.2f} p95 {ours[1] / base[1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-db-speed-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user and needs to reach its data directory
    service = None
    database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    label = "SQLite"
    if os.environ.get("BENCH_POSTGRES"):
        from tests.services.postgres import SERVICE as service

        database_url = service.start(workdir)["DATABASE_URL"]
        label = "PostgreSQL"
    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.test", "VAR_DIR": str(workdir / "var"),
                       "DATABASE_URL": database_url, "ELASTICSEARCH_URL": "", "LOG_LEVEL": "WARNING"})
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        measure(label, args.docs, args.queries)
    finally:
        if service:
            service.stop()
    if not os.environ.get("BENCH_POSTGRES") and not args.sqlite_only:
        # PostgreSQL in a fresh interpreter: Django's settings are read once per process
        import subprocess

        subprocess.run([sys.executable, __file__, "--docs", str(args.docs), "--queries", str(args.queries)],
                       env={**os.environ, "BENCH_POSTGRES": "1", "DATABASE_URL": ""}, check=True)


if __name__ == "__main__":
    main()
