"""Scale-out, proven on a real 2-node Elasticsearch 8 cluster (separate JVMs, replicas 1):

- a node crashes (SIGKILL) while searches and writes run: every search answers, every write
  reaches the index (the outbox keeps what a failed bulk did not deliver), and the cluster is
  green again when the node returns;
- a full rebuild while searches run: no search fails, and after the alias swap every document
  is still found.
"""
from __future__ import annotations

import threading
import time
import uuid

import pytest

from search import engine
from search.engine.client import get_client
from search.engine.index import alias_name
from search.params import SearchParams
from search.recording import store_document
from tests.search.corpus import doc

pytestmark = [pytest.mark.django_db, pytest.mark.cluster]

WORDS = "营业执照 社会保险 住房公积金 出生医学证明 护照 个体工商户 食品经营许可 人才引进".split()


@pytest.fixture
def on_cluster(settings, elasticsearch_cluster):
    settings.ELASTICSEARCH_URL = elasticsearch_cluster.url
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_SHARDS = 2  # a primary on each node: losing one node must promote a replica
    settings.SEARCH_REPLICAS = 1
    settings.SEARCH_REFRESH = True
    yield elasticsearch_cluster
    for index in get_client().indices.get(index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True):
        get_client().indices.delete(index=index)


def write(keys: list[str], start: int, count: int) -> None:
    for n in range(start, start + count):
        key = f"scale:{n}"
        store_document(key, doc(key, "notice", f"{WORDS[n % len(WORDS)]}通知第{n}号", body=f"编号{n}的内容"))
        keys.append(key)


def drain_until_sent(timeout: float = 120) -> int:
    """What the outbox drainer does in production: retry until every change is delivered."""
    deadline = time.monotonic() + timeout
    while engine.pending_count():
        engine.drain_outbox(refresh=True)
        if time.monotonic() > deadline:
            raise AssertionError(f"{engine.pending_count()} change(s) never reached the index")
        time.sleep(0.2)
    return 0


class Searcher(threading.Thread):
    """Searches the engine directly (no database fallback can hide a failure) until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.done = threading.Event()
        self.answers = 0
        self.failures: list[str] = []
        self.empty = 0

    def run(self) -> None:
        from search.engine.query import search

        n = 0
        while not self.done.is_set():
            n += 1
            try:
                found = search(SearchParams(q=WORDS[n % len(WORDS)]), ["public"], [])
                self.answers += 1
                self.empty += found["total"] == 0
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                self.failures.append(f"{time.strftime('%H:%M:%S')} {type(exc).__name__}: {exc}"[:300])
            time.sleep(0.02)

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=30)


def indexed_keys() -> set[str]:
    client = get_client()
    client.indices.refresh(index=alias_name())
    response = client.search(index=alias_name(), body={"query": {"prefix": {"key": "scale:"}}, "size": 10000,
                                                       "_source": ["key"]})
    return {hit["_source"]["key"] for hit in response["hits"]["hits"]}


def test_a_node_crash_loses_no_search_and_no_write(on_cluster):
    cluster = on_cluster
    keys: list[str] = []
    write(keys, 0, 60)
    drain_until_sent()
    cluster.wait_for_status("green")
    victim = cluster.non_master_index()
    searcher = Searcher()
    searcher.start()
    try:
        write(keys, 60, 20)
        engine.drain_outbox(refresh=True)
        print(f"{time.strftime('%H:%M:%S')} killing node {victim}", flush=True)
        cluster.stop_node(victim, kill=True)  # a crash, not a clean shutdown
        for batch in range(5):  # writes while the node is gone (and while its shards fail over)
            write(keys, 80 + 20 * batch, 20)
            engine.drain_outbox(refresh=True)
            time.sleep(0.5)
        drain_until_sent()
        assert cluster.health("yellow", "30s")["status"] == "yellow"  # replicas of the dead node unassigned
        assert indexed_keys() == set(keys)  # nothing written before or during the crash is lost
        print(f"{time.strftime('%H:%M:%S')} restarting node {victim}", flush=True)
        cluster.start_node(victim)
        cluster.wait_for_nodes(2)
        cluster.wait_for_status("green", timeout=180)
        write(keys, 180, 10)
        drain_until_sent()
    finally:
        searcher.stop()
        if not cluster.nodes[victim].running():
            cluster.start_node(victim)
            cluster.wait_for_status("green", timeout=180)
    assert searcher.failures == []
    assert searcher.answers >= 20 and searcher.empty == 0
    assert indexed_keys() == set(keys) and len(keys) == 190
    assert cluster.health("green", "30s")["status"] == "green"


def test_a_rebuild_while_searching_fails_no_search_and_loses_no_document(on_cluster):
    from search.engine.index import alias_targets, rebuild

    keys: list[str] = []
    write(keys, 0, 150)
    drain_until_sent()
    before = alias_targets(get_client())
    searcher = Searcher()
    searcher.start()
    try:
        time.sleep(0.5)
        result = rebuild()
        time.sleep(0.5)
    finally:
        searcher.stop()
    assert alias_targets(get_client()) == [result["index"]] != before
    assert searcher.failures == [] and searcher.answers >= 5 and searcher.empty == 0
    assert indexed_keys() == set(keys)
