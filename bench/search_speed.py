"""Search speed: bulk indexing rate and query latency, each beside a baseline from the same run.

* Elasticsearch at ``--docs`` (default 100,000) generated Chinese documents: our pipeline (our
  mapping with CJK bigrams + jieba fields cut in Python, bulk helper) against the baseline of the
  same documents bulk-indexed into an index with only the built-in ``cjk`` analyzer on title and
  body; query p50/p95 of our full query (boosts, synonyms none, permission and expiry filters,
  highlight, four facets) against a plain ``multi_match`` on the baseline index.
* Database fallback at ``--db-docs`` (default 10,000) rows on SQLite: rows/s written through
  ``store_document`` and query p50/p95 of ``search.backends.database`` against the baseline of
  one plain ``LIKE`` query (count + first 10 rows) on the same table.

    .venv/bin/python bench/search_speed.py [--docs 100000] [--db-docs 10000] [--queries 200]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("营业执照 个体工商户 市场主体 登记 注销 变更 补领 遗失 食品 经营 许可 社会保险 参保 缴费 基数 失业 保险金 "
         "创业 担保 贷款 住房公积金 提取 租房 身份证 户口 迁入 人才 引进 出生 医学 证明 交通 违法 处理 护照 预约 "
         "营商环境 政府 信息 公开 高校 毕业生 就业 住所 申报 承诺 卫生 服务 中心 疫苗 接种 防汛 应急 通知 公告 办法 "
         "实施 细则 规定 管理 优化 流程 材料 申请 受理 审核 办结 时限 窗口 网上 办理").split()
DEPARTMENTS = ["市场监督管理局", "人力资源和社会保障局", "公安局", "住房公积金管理中心", "卫生健康委员会", "人民政府办公室"]
TYPES = ["service_guide", "notice", "policy"]


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def generate(n: int, seed: int = 7):
    from search.documents import SearchDocument

    rng = random.Random(seed)
    start = datetime(2018, 1, 1, tzinfo=dt_timezone.utc)
    for i in range(n):
        title = "".join(rng.sample(WORDS, 3))
        body = "，".join("".join(rng.sample(WORDS, 4)) for _ in range(8)) + "。"
        yield SearchDocument(
            key=f"bench:{i}", type=rng.choice(TYPES), slug=f"bench-{i}", title=title, url=f"https://x/{i}/",
            summary="".join(rng.sample(WORDS, 5)), body=body, department=rng.choice(DEPARTMENTS),
            topics=rng.sample(["企业开办", "社会保障", "住房", "户籍", "医疗"], 2),
            published_at=start + timedelta(hours=i % 70000), doc_number=f"明市监〔{2018 + i % 8}〕{i}号",
            validity="invalid" if i % 10 == 0 else "valid")


def timed(fn, runs):
    latencies = []
    for args in runs:
        t0 = time.perf_counter()
        fn(*args)
        latencies.append((time.perf_counter() - t0) * 1000)
    return statistics.median(latencies), percentile(latencies, 0.95)


def bench_elasticsearch(n: int, queries: list[str]) -> None:
    from search.engine.client import bulk_helper, get_client
    from search.engine.index import alias_name, ensure_index
    from search.engine.mapping import to_source
    from search.engine.query import search as es_search
    from search.params import SearchParams

    client = get_client()
    bulk = bulk_helper()
    ensure_index(client)
    ours = alias_name()
    baseline = "bench-baseline-cjk"
    client.indices.create(index=baseline, body={
        "settings": {"number_of_shards": 1, "number_of_replicas": 0},
        "mappings": {"properties": {"title": {"type": "text", "analyzer": "cjk"}, "body": {"type": "text", "analyzer": "cjk"},
                                    "department": {"type": "keyword"}}}})

    def index_into(index, to_doc):
        t0 = time.perf_counter()
        actions = ({"_index": index, "_id": d.key, "_source": to_doc(d)} for d in generate(n))
        bulk(client, actions, chunk_size=1000, request_timeout=120)
        client.indices.refresh(index=index)
        return n / (time.perf_counter() - t0)

    base_rate = index_into(baseline, lambda d: {"title": d.title, "body": d.body, "department": d.department})
    our_rate = index_into(ours, lambda d: to_source(d.as_dict()))
    print(f"Elasticsearch bulk indexing, {n:,} docs: ours {our_rate:,.0f} docs/s, baseline (cjk only) "
          f"{base_rate:,.0f} docs/s, ratio {our_rate / base_rate:.2f}")
    tokens = ["public"]
    our = timed(lambda q: es_search(SearchParams(q=q), tokens, []), [(q,) for q in queries])
    base = timed(lambda q: client.search(index=baseline, body={"query": {"multi_match": {"query": q, "fields": ["title^5", "body"]}}, "size": 10}),
                 [(q,) for q in queries])
    print(f"Elasticsearch query latency ({len(queries)} queries): ours p50 {our[0]:.1f} ms p95 {our[1]:.1f} ms; "
          f"baseline p50 {base[0]:.1f} ms p95 {base[1]:.1f} ms; ratio p50 {our[0] / base[0]:.2f} p95 {our[1] / base[1]:.2f}")
    client.indices.delete(index=baseline)


def bench_database(n: int, queries: list[str]) -> None:
    from django.db import transaction
    from django.db.models import Q
    from django.test import override_settings

    from search.backends.database import search as db_search
    from search.models import SearchEntry
    from search.params import SearchParams
    from search.recording import store_document

    with override_settings(ELASTICSEARCH_URL=""):
        t0 = time.perf_counter()
        with transaction.atomic():
            for document in generate(n, seed=11):
                store_document(document.key, document)
        rate = n / (time.perf_counter() - t0)
        print(f"Database fallback, {n:,} rows written through store_document: {rate:,.0f} docs/s")
        our = timed(lambda q: db_search(SearchParams(q=q), ["public"], []), [(q,) for q in queries])

        def naive(q):
            rows = SearchEntry.objects.filter(Q(title__icontains=q) | Q(text__icontains=q))
            return rows.count(), list(rows.values("key", "title")[:10])

        base = timed(naive, [(q,) for q in queries])
    print(f"Database fallback query latency ({len(queries)} queries, {n:,} rows): ours p50 {our[0]:.1f} ms "
          f"p95 {our[1]:.1f} ms; baseline (one LIKE) p50 {base[0]:.1f} ms p95 {base[1]:.1f} ms; "
          f"ratio p50 {our[0] / base[0]:.2f} p95 {our[1] / base[1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db-docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    from bench.search_env import search_environment

    with search_environment("bench-speed"):
        rng = random.Random(3)
        queries = [rng.choice(WORDS) + (rng.choice(WORDS) if i % 2 else "") for i in range(args.queries)]
        from search.text import segment

        segment("预热")  # load jieba's dictionary before timing
        bench_elasticsearch(args.docs, queries)
        bench_database(args.db_docs, queries)


if __name__ == "__main__":
    main()
