"""The database fallback's own full-text index (search/backends/fulltext.py), on SQLite (embedded
run) and PostgreSQL (services run): phrase matching over bigrams, ranking and filters in SQL."""
from __future__ import annotations

import pytest
from django.db import connection

from search.backends import database
from search.backends.fulltext import backend_for
from search.documents import SearchDocument
from search.params import SearchParams
from search.recording import store_document
from tests.search.conftest import index_documents
from tests.search.corpus import corpus, doc

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def entries(settings):
    settings.ELASTICSEARCH_URL = ""
    index_documents(corpus())


def keys(q, **params):
    return [r["key"] for r in database.search(SearchParams(q=q, **params), ["public"], [])["results"]]


def test_a_word_matches_as_a_phrase_not_as_scattered_characters(entries):
    index_documents([doc("t:scatter", "notice", "营业时间与执照说明", body="营业 执照")])
    assert "t:scatter" not in keys("营业执照")
    assert keys("营业执照")[0] == "t:1"


def test_every_word_must_match_and_synonym_alternatives_may_match_instead(entries):
    assert keys("营业执照 补领") == ["t:1"]
    found = database.search(SearchParams(q="开店 补领"), ["public"], ["营业执照 补领"])
    assert [r["key"] for r in found["results"]] == ["t:1"]


def test_title_matches_rank_first_and_repealed_policies_last(entries):
    found = keys("市场主体登记")
    assert found.index("t:4") < found.index("t:5")  # t:5 is repealed (validity invalid)
    index_documents([doc("t:body", "notice", "无关标题", body="个体工商户 个体工商户 个体工商户")])
    assert keys("个体工商户")[0] == "t:2"


def test_filters_paging_and_facets_are_applied_in_the_query(entries):
    body = database.search(SearchParams(q="营业执照", topic="企业开办", page_size=1), ["public"], [])
    assert body["total"] == 2 and len(body["results"]) == 1
    assert {f["value"] for f in body["facets"]["topic"]} == {"企业开办"}
    page2 = database.search(SearchParams(q="营业执照", topic="企业开办", page=2, page_size=1), ["public"], [])
    assert page2["results"][0]["key"] != body["results"][0]["key"]
    assert keys("营业执照", type="notice") == ["t:7"]


def test_the_exact_doc_number_comes_first(entries):
    assert keys("穗工商2024 12号")[0] == "t:4"


def test_updates_and_deletes_reach_the_index(entries):
    store_document("t:1", SearchDocument(key="t:1", type="service_guide", slug="t-1", title="驾驶证换证",
                                         url="https://gov.example/t/1/"))
    assert "t:1" not in keys("营业执照遗失")
    assert keys("驾驶证") == ["t:1"]
    store_document("t:1", None)
    assert keys("驾驶证") == []


def test_writes_that_bypass_the_app_still_reach_the_index(entries):
    """SQLite: Django rebuilds a table to alter it and drops its triggers; the index puts them
    back. PostgreSQL: the vector is a generated column, so even a raw UPDATE is indexed."""
    backend = backend_for(connection)
    if connection.vendor == "postgresql":
        from search.grams import grams

        with connection.cursor() as cursor:
            cursor.execute("UPDATE search_searchentry SET title_grams = %s WHERE key = 't:3'", [grams("电动自行车")])
        assert keys("电动自行车") == ["t:3"]
        return
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER {backend.fts}_{suffix}")
    backend._checked.clear()
    index_documents([doc("t:late", "notice", "电动自行车登记上牌")])
    assert keys("电动自行车") == ["t:late"]


def test_ranking_a_window_of_the_matches_still_pages_and_counts_them_all(entries, monkeypatch):
    """PostgreSQL ranks only the best ``RANK_WINDOW`` matches with ts_rank; totals and facets
    still count every match, and the pages inside the window do not overlap."""
    monkeypatch.setattr(database, "RANK_WINDOW", 2)
    first = database.search(SearchParams(q="营业执照", page_size=1), ["public"], [])
    second = database.search(SearchParams(q="营业执照", page=2, page_size=1), ["public"], [])
    assert first["total"] == second["total"] == sum(f["count"] for f in first["facets"]["type"]) >= 3
    assert first["results"][0]["key"] == "t:1" and second["results"][0]["key"] != "t:1"
