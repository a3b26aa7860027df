"""Relevance may not drop unnoticed: nDCG@10 of the judged query set over the demo content must
stay within a margin of the figure recorded in BENCHMARKS.md (both engines)."""
from __future__ import annotations

import pytest
from django.test import override_settings

from search.params import SearchParams
from search.service import search
from tests.search.judgments import MARGIN, RECORDED, mean_ndcg

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_content(backend, django_capture_on_commit_callbacks):
    from cms.demo import load_cms_demo

    with django_capture_on_commit_callbacks(execute=True):
        load_cms_demo()
    from search import engine

    if engine.is_configured():
        engine.drain_outbox(refresh=True)
    return backend


def test_ndcg_at_10_does_not_drop_below_the_recorded_figure(demo_content):
    from django.contrib.auth.models import AnonymousUser

    def run(q):
        return [r["slug"] for r in search(SearchParams(q=q, page_size=10), AnonymousUser())["results"]]

    with override_settings(SEARCH_LOG_QUERIES=False):
        score, per_query = mean_ndcg(run)
    worst = sorted(per_query.items(), key=lambda item: item[1])[:5]
    recorded = RECORDED.get(demo_content, RECORDED["elasticsearch"])  # OpenSearch runs the same query
    assert score >= recorded - MARGIN, f"nDCG@10 {score:.3f} (worst: {worst})"
