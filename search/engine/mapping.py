"""Index settings and mappings, with the Chinese analysis chosen by measurement (README, search).

Every text field is analysed with CJK bigrams (``analysis-common``: standard tokenizer +
``cjk_width`` + ``lowercase`` + ``cjk_bigram``), which finds any two-or-more-character word
inside longer words (营业执照 in 营业执照遗失补领, 个体工商户 in 个体工商户营业执照) without a
dictionary. ``title_seg`` and ``text_seg`` hold the same text cut by jieba (in Python: there is no
jieba plugin for Elasticsearch 8 here) and analysed by whitespace; ``query.py`` uses them
according to ``SEARCH_QUERY_MODE`` (``bigram``, ``jieba`` or ``both``; the benchmark compares all
three on one index). ``doc_number_norm`` keeps the 文号 without brackets for exact matches."""
from __future__ import annotations

import copy

from django.conf import settings

ANALYSIS = {
    "filter": {
        "prefix_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
    },
    "analyzer": {
        "zh_bigram": {"type": "custom", "tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
        "zh_seg": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
        "prefix_index": {"type": "custom", "tokenizer": "keyword", "filter": ["cjk_width", "lowercase", "prefix_edge"]},
        "prefix_search": {"type": "custom", "tokenizer": "keyword", "filter": ["cjk_width", "lowercase"]},
    },
}

TEXT = {"type": "text", "analyzer": "zh_bigram"}
# fields shown as highlighted snippets: offsets in the postings let the highlighter read the
# positions from the index instead of re-analysing each hit's text (BENCHMARKS.md, search speed)
HIGHLIGHTED = {**TEXT, "index_options": "offsets"}
SEG = {"type": "text", "analyzer": "zh_seg"}
KEYWORD = {"type": "keyword"}

MAPPINGS = {
    "dynamic": "strict",
    # the segmented fields exist only to be searched: not stored in ``_source`` (a third of its
    # bytes, compressed and written for every document); a rebuild derives them again
    "_source": {"excludes": ["title_seg", "text_seg"]},
    "properties": {
        "key": KEYWORD,
        "type": KEYWORD,
        "slug": KEYWORD,
        "url": {"type": "keyword", "index": False},
        "title": {**HIGHLIGHTED, "fields": {
            "prefix": {"type": "text", "analyzer": "prefix_index", "search_analyzer": "prefix_search"},
            "raw": {"type": "keyword", "ignore_above": 256},
        }},
        "title_seg": SEG,
        "summary": HIGHLIGHTED,
        "body": HIGHLIGHTED,
        "materials": HIGHLIGHTED,
        "legal_basis": HIGHLIGHTED,
        "doc_number": TEXT,
        "doc_number_norm": KEYWORD,
        "faqs": HIGHLIGHTED,
        "extra": HIGHLIGHTED,
        "text_seg": SEG,
        "department": {"type": "keyword", "fields": {"text": TEXT}},
        "topics": {"type": "keyword", "fields": {"text": TEXT}},
        "audience": KEYWORD,
        "published_at": {"type": "date"},
        "expires_at": {"type": "date"},
        "year": {"type": "integer"},
        "validity": KEYWORD,
        "access": KEYWORD,
    },
}


def index_body() -> dict:
    """A fresh copy each time: callers adjust the settings of the index they create."""
    return copy.deepcopy({
        "settings": {
            "number_of_shards": settings.SEARCH_SHARDS,
            "number_of_replicas": settings.SEARCH_REPLICAS,
            "analysis": ANALYSIS,
        },
        "mappings": MAPPINGS,
    })


def to_source(document: dict) -> dict:
    """The stored document (``SearchEntry.document``) as sent to the engine: plus the jieba
    fields, minus what the mapping does not know."""
    from search.text import segmented

    source = {name: document.get(name) for name in MAPPINGS["properties"] if name in document}
    source["title_seg"] = segmented(document.get("title", ""))
    rest = " ".join(document.get(name) or "" for name in
                    ("summary", "body", "materials", "legal_basis", "doc_number", "faqs", "extra"))
    source["text_seg"] = segmented(rest)
    return source
