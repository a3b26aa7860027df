"""Shared test set-up. Services come from the environment set by ``./test``
(tests/services/runner.py); ``require_service`` fails in CI and skips loudly elsewhere."""
from __future__ import annotations

import os
import sys

import pytest

# Fixtures every test package may use, without importing another package's conftest.
pytest_plugins = ["tests.fixtures.content", "tests.fixtures.delivery", "tests.parallel"]


def require_service(env_var: str, what: str) -> str:
    """Return the service address from ``env_var``; in CI a missing service is a failure."""
    value = os.environ.get(env_var, "")
    if value:
        return value
    message = f"{what} is not running ({env_var} is unset): run the tests through ./test"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI requires {message}", pytrace=False)
    print(f"\n!!! SKIPPED: {message}", file=sys.stderr)
    pytest.skip(f"!!! {message}")
    return ""


@pytest.fixture
def configuration() -> str:
    """``services`` (PostgreSQL, Redis, ...) or ``embedded`` (SQLite, local memory)."""
    return os.environ.get("TEST_CONFIGURATION", "embedded")


@pytest.fixture(scope="session")
def elasticsearch_cluster(tmp_path_factory):
    """A real 2-node Elasticsearch 8 cluster (separate JVMs, loopback), started once per test
    session, for scale-out tests; see ``tests.services.elasticsearch.start_cluster``.

    ``cluster.url`` is the comma-separated form ``ELASTICSEARCH_URL`` accepts; ``stop_node(i)``
    / ``start_node(i)`` take a node away and bring it back; ``non_master_index()`` names the node
    that may be stopped without stopping writes. A test that stops a node must start it again
    (and wait for green) before it ends. Needs Java 17 + Maven; in CI a failure to start fails."""
    from tests.services.base import ServiceError
    from tests.services.elasticsearch import start_cluster

    try:
        cluster = start_cluster(tmp_path_factory.mktemp("es-cluster"), nodes=2)
    except ServiceError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI requires the 2-node Elasticsearch cluster: {exc}", pytrace=False)
        pytest.skip(f"!!! the 2-node Elasticsearch cluster did not start: {exc}")
    yield cluster
    cluster.close()


@pytest.fixture(autouse=True)
def fresh_search_state():
    """Search analytics count a query once per client (search.analytics) and every test client has
    the same address: each test starts with no buffered rows and no remembered clients. The query
    vocabulary (search.understanding) is kept per process for a while: a test must not correct its
    queries against the words of an earlier test's documents."""
    from search import analytics
    from search.understanding import forget_vocabulary

    analytics.reset()
    forget_vocabulary()
    yield
    analytics.reset()
