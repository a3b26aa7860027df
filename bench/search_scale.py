"""Search at scale on a real Elasticsearch 8 node, each figure beside a baseline from the same run.

1. Bulk indexing ``--docs`` (default 100,000) generated Chinese documents through our mapping
   (CJK bigrams + jieba-rs fields, filled without refresh/replicas) against the same documents in
   an index with only the built-in ``cjk`` analyzer on title and body; and, on a sample, the same
   pipeline with jieba in Python (what it replaced).
2. ``/api/search/`` as a whole request (Django test client, in process: URL routing, parameter
   parsing, access tokens, synonyms, engine call, promoted results, analytics, JSON) over those
   documents: p50/p95 of the whole request and of the engine's own ``took``; baseline: a plain
   ``multi_match`` for the same query (10 hits, no filters) sent with the same client.
3. A full rebuild of a ``--pages`` (default 3,000) page CMS site (``rebuild_search_index``: database
   copies + a new Elasticsearch index + alias swap) against Wagtail's own ``update_index`` on the
   same pages (its database search backend), with the SQL statements each issues.

    .venv/bin/python bench/search_scale.py [--docs 100000] [--queries 300] [--pages 3000]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search_speed import WORDS, generate, percentile  # noqa: E402


def p50_p95(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 0.95)


def bench_indexing(n: int, jieba_sample: int) -> None:
    from django.conf import settings

    from search.engine.client import maintenance_client
    from search.engine.index import FILL_SETTINGS, Pipeline, batches, frozen_heap, alias_name, create_index, swap_alias
    from search.engine.mapping import to_source

    client = maintenance_client()
    baseline = "bench-baseline-cjk"
    client.indices.delete(index=baseline, ignore_unavailable=True)  # left by an interrupted run
    client.indices.create(index=baseline, body={
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, **FILL_SETTINGS},
        "mappings": {"properties": {"title": {"type": "text", "analyzer": "cjk"},
                                    "body": {"type": "text", "analyzer": "cjk"},
                                    "department": {"type": "keyword"}}}})

    def index_into(index, to_doc, count):
        """Both indexes through the loader a rebuild uses (search.engine.index: Pipeline, frozen_heap)."""
        t0 = time.perf_counter()
        actions = ({"_index": index, "_id": d.key, "_source": to_doc(d)} for d in generate(count))
        with frozen_heap(), Pipeline(client) as pipeline:
            for batch in batches(actions, settings.SEARCH_BULK_CHUNK):
                pipeline.submit(batch)
        client.indices.put_settings(index=index, body={"index": {"refresh_interval": None}})
        client.indices.refresh(index=index)
        return count / (time.perf_counter() - t0)

    base_rate = index_into(baseline, lambda d: {"title": d.title, "body": d.body, "department": d.department}, n)
    ours = create_index(client, settings_override=FILL_SETTINGS)
    our_rate = index_into(ours, lambda d: to_source(d.as_dict()), n)
    swap_alias(client, ours)
    print(f"1. bulk indexing {n:,} docs: ours (bigrams + jieba-rs) {our_rate:,.0f} docs/s; "
          f"baseline (built-in cjk, title+body) {base_rate:,.0f} docs/s; ratio {our_rate / base_rate:.2f}", flush=True)
    if jieba_sample:
        import jieba

        from search import text

        jieba.setLogLevel(60)
        jieba.initialize()

        class PythonJieba:  # what search.text used before jieba-rs
            @staticmethod
            def cut_for_search(value, hmm=True):
                return list(jieba.cut_for_search(value))

        sample = "bench-python-jieba"
        create_index(client, sample, settings_override=FILL_SETTINGS)
        original = text._segmenter
        text._segmenter = lambda: PythonJieba
        try:
            old_rate = index_into(sample, lambda d: to_source(d.as_dict()), jieba_sample)
        finally:
            text._segmenter = original
        client.indices.delete(index=sample)
        print(f"   same pipeline with jieba in Python, {jieba_sample:,} docs: {old_rate:,.0f} docs/s "
              f"(jieba-rs is {our_rate / old_rate:.1f}x)", flush=True)
    assert alias_name() in client.indices.get_alias(index=ours)[ours]["aliases"]
    return baseline


def bench_requests(queries: list[str], baseline: str) -> None:
    from django.test import Client

    from search.engine import query as engine_query
    from search.engine.client import get_client

    client = get_client()
    took: list[float] = []
    real_get_client = engine_query.get_client

    class Recording:
        """The real client; remembers the engine's own ``took`` of each search."""

        def __getattr__(self, name):
            return getattr(client, name)

        def search(self, **kwargs):
            response = client.search(**kwargs)
            took.append(float(response["took"]))
            return response

    engine_query.get_client = lambda: Recording()
    web = Client()
    whole: list[float] = []
    rounds: list[int] = []
    try:
        for q in queries[:20]:  # warm-up: connections, caches, first JIT of the node
            web.get("/api/search/", {"q": q})
        took.clear()
        for n, q in enumerate(queries):
            before = len(took)
            params = {"q": q} if n % 5 else {"q": q, "page": 2}  # one request in five pages on
            t0 = time.perf_counter()
            response = web.get("/api/search/", params, REMOTE_ADDR=f"10.9.{n // 250}.{n % 250}")
            whole.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200 and response.json()["backend"] == "elasticsearch"
            rounds.append(len(took) - before)
    finally:
        engine_query.get_client = real_get_client
    base_took: list[float] = []
    base_whole: list[float] = []
    for q in queries:
        t0 = time.perf_counter()
        response = client.search(index=baseline, body={"query": {"multi_match": {"query": q, "fields": ["title^5", "body"]}},
                                                       "size": 10})
        base_whole.append((time.perf_counter() - t0) * 1000)
        base_took.append(float(response["took"]))
    ours_w, ours_t, base_w, base_t = map(p50_p95, (whole, took, base_whole, base_took))
    print(f"2. /api/search/ whole request, {len(queries)} queries: p50 {ours_w[0]:.1f} ms, p95 {ours_w[1]:.1f} ms; "
          f"engine took p50 {ours_t[0]:.1f} ms, p95 {ours_t[1]:.1f} ms; engine round trips per request: "
          f"max {max(rounds)}, mean {statistics.mean(rounds):.2f}", flush=True)
    print(f"   baseline plain multi_match (client call): p50 {base_w[0]:.1f} ms, p95 {base_w[1]:.1f} ms; "
          f"took p50 {base_t[0]:.1f} ms, p95 {base_t[1]:.1f} ms", flush=True)
    print(f"   ratios ours/baseline: whole request p50 {ours_w[0] / base_w[0]:.2f} p95 {ours_w[1] / base_w[1]:.2f}; "
          f"took p50 {ours_t[0] / max(base_t[0], 0.5):.2f} p95 {ours_t[1] / max(base_t[1], 0.5):.2f}", flush=True)
    client.indices.delete(index=baseline)


class SqlCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def bench_rebuild(pages: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    from bench.import_content import generate as generate_records, orm_baseline
    from search.engine.index import rebuild
    from search.models import SearchEntry

    t0 = time.perf_counter()
    orm_baseline(generate_records(pages))
    Page.objects.filter(slug__endswith="-orm").update(live=True)
    print(f"3. {pages:,} CMS pages created in {time.perf_counter() - t0:.0f} s (plain ORM, live)", flush=True)

    def measure(label, run):
        counter = SqlCounter()
        with connection.execute_wrapper(counter):
            t0 = time.perf_counter()
            run()
            seconds = time.perf_counter() - t0
        print(f"   {label}: {seconds:.2f} s, {pages / seconds:,.0f} pages/s, {counter.count:,} SQL statements", flush=True)
        return seconds

    import io

    wagtail = measure("Wagtail update_index (baseline)", lambda: call_command("update_index", stdout=io.StringIO(),
                                                                            stderr=io.StringIO()))
    result: dict = {}
    ours = measure("rebuild_search_index (database copies + new ES index + swap)",
                   lambda: result.update(rebuild()))
    assert result["documents"] >= pages and SearchEntry.objects.count() >= pages, result
    print(f"   ratio: ours is {wagtail / ours:.1f}x faster than Wagtail's update_index "
          f"({result['documents']:,} documents indexed)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--jieba-sample", type=int, default=3000)
    parser.add_argument("--skip", default="", help="comma-separated: index,requests,rebuild")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    from bench.search_env import search_environment

    with search_environment("bench-scale"):
        from search.text import segment

        segment("预热")  # load the dictionary before timing
        rng = random.Random(5)
        queries = [rng.choice(WORDS) + (" " + rng.choice(WORDS) if i % 3 == 0 else rng.choice(WORDS) if i % 3 == 1 else "")
                   for i in range(args.queries)]
        baseline = None
        if "index" not in skip:
            baseline = bench_indexing(args.docs, args.jieba_sample)
        if "requests" not in skip and baseline:
            bench_requests(queries, baseline)
        elif baseline:
            from search.engine.client import get_client

            get_client().indices.delete(index=baseline)
        if "rebuild" not in skip:
            from search.engine.client import get_client
            from search.engine.index import alias_targets

            client = get_client()
            for name in alias_targets(client):  # the rebuild measures a site, not the 100k documents
                client.indices.delete(index=name)
            bench_rebuild(args.pages)


if __name__ == "__main__":
    main()
