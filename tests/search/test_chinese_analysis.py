"""The analysis chosen for Chinese, checked on the real engine's analyzers and on the helpers the
database fallback uses."""
from __future__ import annotations

import pytest

from search.text import looks_like_doc_number, normalize_doc_number, query_terms, segment


def test_doc_numbers_normalise_with_or_without_brackets():
    assert normalize_doc_number("穗工商〔2024〕12号") == normalize_doc_number("穗工商2024 12号") == "穗工商202412号"
    assert normalize_doc_number("国办发（2023）5号") == normalize_doc_number("国办发[2023]5号")
    assert looks_like_doc_number("穗工商〔2024〕12号") and not looks_like_doc_number("营业执照")


def test_long_queries_are_cut_into_the_longest_words():
    assert query_terms("营业执照遗失补领") == ["营业执照", "遗失", "补领"]
    assert all(term in "个体工商户" for term in query_terms("个体工商户"))
    assert "工商户" in segment("个体工商户营业执照")


@pytest.mark.django_db
def test_the_bigram_analyzer_finds_words_inside_longer_words(use_elasticsearch):
    from search.engine.client import get_client
    from search.engine.index import alias_name, ensure_index

    es = get_client()
    ensure_index(es)

    def tokens(text):
        result = es.indices.analyze(index=alias_name(), body={"analyzer": "zh_bigram", "text": text})
        return {t["token"] for t in result["tokens"]}

    assert tokens("营业执照") <= tokens("营业执照遗失补领")
    assert tokens("个体工商户") <= tokens("申请个体工商户营业执照")
    assert tokens("穗工商2024 12号") <= tokens("穗工商〔2024〕12号")
