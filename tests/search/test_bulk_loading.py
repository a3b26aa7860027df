"""Pieces of the bulk path (rebuild, bench): they change speed, never what is indexed."""
from __future__ import annotations

import gc
from datetime import datetime, timezone

import pytest

from search.documents import SearchDocument
from search.engine.index import frozen_heap
from search.grams import tokens

pytestmark = pytest.mark.embedded


def test_frozen_heap_sets_objects_aside_only_while_the_work_runs():
    before = gc.get_freeze_count()
    with pytest.raises(RuntimeError):
        with frozen_heap():
            assert gc.get_freeze_count() > before
            raise RuntimeError("a failed rebuild")
    assert gc.get_freeze_count() == before  # also after a failure
    assert gc.isenabled()


def test_document_dict_copies_its_lists_and_writes_dates_as_text():
    published = datetime(2024, 3, 1, 8, 30, tzinfo=timezone.utc)
    doc = SearchDocument(key="page:1", type="notice", slug="n", title="通知", url="/n/", topics=["住房"],
                         published_at=published, doc_number="明市监〔2024〕7号")
    data = doc.as_dict()
    data["topics"].append("医疗")
    data["access"].clear()
    assert doc.topics == ["住房"] and doc.access == ["public"]
    assert data["published_at"] == published.isoformat() and data["expires_at"] is None
    assert data["year"] == 2024 and data["doc_number_norm"] == "明市监20247号"
    assert set(data) == {f for f in SearchDocument.__dataclass_fields__} | {"year", "doc_number_norm"}


def test_bigram_tokens_are_the_same_for_a_character_met_again():
    first = tokens("营业执照营业执照")
    assert first == tokens("营业执照营业执照")
    assert first[0] == first[4] and len(first) == 7 and all(t.startswith("z") for t in first)
    assert tokens("Ａ营业 b12") == ["a", tokens("营业")[0], "b12"]
