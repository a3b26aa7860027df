"""Elasticsearch specifics against the real node: the alias and its rebuild, the outbox when the
engine is down, the fallback at query time and the readiness check."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from search import engine
from search.engine.client import get_client
from search.engine.index import alias_name, alias_targets
from search.models import OutboxEntry, SearchEntry
from search.recording import store_document
from tests.search.conftest import index_documents
from tests.search.corpus import corpus, doc

pytestmark = pytest.mark.django_db


def total(client, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    return response.json()


def test_rebuild_swaps_the_alias_and_searches_answer_during_it(client, use_elasticsearch):
    index_documents(corpus())
    es = get_client()
    before = alias_targets(es)
    assert len(before) == 1
    seen_during = {}

    def during(new_index):
        seen_during["body"] = total(client, "营业执照")
        assert alias_targets(es) == before  # still the old index while the new one fills

    from search.engine.index import rebuild

    rebuild(before_swap=during)
    after = alias_targets(es)
    assert len(after) == 1 and after != before
    assert not es.indices.exists(index=before[0])  # the old index is dropped
    assert seen_during["body"]["backend"] == "elasticsearch" and seen_during["body"]["total"] >= 3
    assert total(client, "营业执照")["total"] == seen_during["body"]["total"]


def test_rebuild_command_prints_a_summary(use_elasticsearch, capsys):
    index_documents(corpus()[:2])
    call_command("rebuild_search_index", "--no-progress")
    assert "rebuilt" in capsys.readouterr().out
    assert alias_targets(get_client())


def test_changes_wait_in_the_outbox_while_the_engine_is_down(client, use_elasticsearch, settings):
    index_documents(corpus())
    real_url = settings.ELASTICSEARCH_URL
    from tests.services.base import free_port

    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    store_document("t:new", doc("t:new", "notice", "新发布的营业执照通知", body="停机期间发布"))
    assert engine.drain_outbox() == 0
    pending = OutboxEntry.objects.get(key="t:new", processed_at__isnull=True)
    assert pending.last_error
    # the API still answers, from the database, with the new item
    body = total(client, "新发布的营业执照通知")
    assert body["backend"] == "database" and body["results"][0]["slug"] == "t-new"
    # and /readyz names the search engine
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "search" in ready.json()["down"]

    settings.ELASTICSEARCH_URL = real_url
    assert engine.drain_outbox(refresh=True) >= 1
    assert engine.pending_count() == 0
    body = total(client, "新发布的营业执照通知")
    assert body["backend"] == "elasticsearch" and body["results"][0]["slug"] == "t-new"


def test_a_lost_index_is_recreated_from_the_database_copies(client, use_elasticsearch):
    """A wiped or new cluster (or a restored database under another index prefix): the next drain
    must not leave an empty index behind the alias, which would answer "nothing found"."""
    index_documents(corpus())
    before = total(client, "营业执照")
    for name in alias_targets(get_client()):
        get_client().indices.delete(index=name)
    assert total(client, "营业执照")["backend"] == "database"  # no alias: the fallback answers

    index_documents([doc("t:after", "notice", "丢失索引后发布的营业执照通知")])  # the drain recreates it
    after = total(client, "营业执照")
    assert after["backend"] == "elasticsearch" and len(alias_targets(get_client())) == 1
    assert after["total"] == before["total"] + 1
    assert {r["slug"] for r in before["results"]} < {r["slug"] for r in after["results"]}


def test_the_periodic_job_recreates_a_lost_index_with_nothing_pending(client, use_elasticsearch):
    from search.periodic import drain_search_outbox

    index_documents(corpus())
    expected = total(client, "营业执照")
    for name in alias_targets(get_client()):
        get_client().indices.delete(index=name)
    assert engine.pending_count() == 0
    drain_search_outbox()
    found = total(client, "营业执照")
    assert found["backend"] == "elasticsearch" and found["total"] == expected["total"] > 0
    assert sorted(r["slug"] for r in found["results"]) == sorted(r["slug"] for r in expected["results"])


def test_two_workers_recreating_the_index_at_once_leave_one(use_elasticsearch):
    from search.engine.index import _keep_oldest_target, create_index

    index_documents(corpus()[:2])
    first = alias_targets(get_client())[0]
    second = create_index(get_client())  # what a second worker created in the same moment
    get_client().indices.update_aliases(body={"actions": [{"add": {"index": second, "alias": alias_name()}}]})
    _keep_oldest_target(get_client())
    assert alias_targets(get_client()) == [first] and not get_client().indices.exists(index=second)


def test_deleting_a_document_removes_it_from_the_index(client, use_elasticsearch):
    index_documents(corpus())
    store_document("t:1", None)
    engine.drain_outbox(refresh=True)
    assert not SearchEntry.objects.filter(key="t:1").exists()
    assert "t-1" not in [r["slug"] for r in total(client, "营业执照遗失补领")["results"]]


def test_an_older_drain_never_overwrites_a_newer_version(use_elasticsearch):
    from search.engine.index import actions_for, send

    first = doc("t:v", "notice", "版本一")
    index_documents([first])
    stale = actions_for({"t:v"}, alias_name())
    index_documents([doc("t:v", "notice", "版本二")])
    send(get_client(), stale, refresh=True)  # a slow drain arriving late
    source = get_client().get(index=alias_name(), id="t:v")["_source"]
    assert source["title"] == "版本二"


def test_the_index_uses_shards_and_replicas_from_settings(use_elasticsearch, settings):
    settings.SEARCH_SHARDS = 2
    index_documents(corpus()[:1])
    name = alias_targets(get_client())[0]
    index_settings = get_client().indices.get_settings(index=name)[name]["settings"]["index"]
    assert index_settings["number_of_shards"] == "2" and index_settings["number_of_replicas"] == "0"
