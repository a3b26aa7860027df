"""Fixtures for search tests: the same tests run against Elasticsearch (the real node started by
./test) and against the database fallback (also in the embedded run)."""
from __future__ import annotations

import uuid

import pytest

from search.recording import store_document
from tests.conftest import require_service
from tests.search.corpus import corpus

BACKENDS = [pytest.param("elasticsearch", id="elasticsearch"),
            pytest.param("opensearch", id="opensearch", marks=pytest.mark.opensearch),
            pytest.param("database", id="database", marks=pytest.mark.embedded)]


def delete_test_indices(prefix: str) -> None:
    from search.engine.client import get_client

    client = get_client()
    for name in client.indices.get(index=f"{prefix}-*", ignore_unavailable=True, allow_no_indices=True):
        client.indices.delete(index=name)


@pytest.fixture
def use_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = require_service("ELASTICSEARCH_URL", "the search node").rstrip("/")
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_REFRESH = True
    yield settings
    delete_test_indices(settings.SEARCH_INDEX_PREFIX)


@pytest.fixture
def use_opensearch(settings):
    """The second supported engine, through opensearch-py (the ``opensearch`` test service)."""
    settings.ELASTICSEARCH_URL = require_service("OPENSEARCH_URL", "the OpenSearch node").rstrip("/")
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_REFRESH = True
    yield settings
    delete_test_indices(settings.SEARCH_INDEX_PREFIX)


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    if request.param in ("elasticsearch", "opensearch"):
        request.getfixturevalue(f"use_{request.param}")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


def index_documents(docs) -> None:
    from search import engine

    for document in docs:
        store_document(document.key, document)
    if engine.is_configured():
        engine.drain_outbox(raise_errors=True, refresh=True)


@pytest.fixture
def indexed(backend):
    index_documents(corpus())
    return backend


@pytest.fixture
def officer(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("finance", password="x")
    user.groups.add(Group.objects.create(name="财政科员"))
    return user


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user("outsider", password="x")


@pytest.fixture(autouse=True)
def fresh_synonym_cache():
    """Synonyms are cached; a rolled-back test must not leave its rules for the next one."""
    from search import synonyms

    synonyms.invalidate()
    yield
    synonyms.invalidate()
