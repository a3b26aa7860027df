"""The one place that creates the search engine client.

Production talks to Elasticsearch 8 through elasticsearch-py; the test command runs a real
Elasticsearch 8.19 node (tests/services/elasticsearch.py). OpenSearch stays supported: for an
OpenSearch URL the same calls go through opensearch-py (elasticsearch-py 8 refuses non-Elastic
servers), and the tests marked ``opensearch`` run against one. Only APIs both engines share with
the same JSON are used elsewhere (``body=`` requests, bulk helpers, aliases).

``ELASTICSEARCH_URL`` may name several nodes, comma-separated: the client spreads requests over
them and, when one does not answer, retries the request once on another (a lost node costs one
connection error, never a failed search), then leaves the dead node aside for a while."""
from __future__ import annotations

import functools
import json
import urllib.request

from django.conf import settings


def is_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def node_urls(value: str | None = None) -> list[str]:
    value = settings.ELASTICSEARCH_URL if value is None else value
    return [url.strip().rstrip("/") for url in value.split(",") if url.strip()]


def detect_flavor(url: str, timeout: float) -> str:
    """Ask the first node that answers whether it is Elasticsearch or OpenSearch."""
    error: Exception | None = None
    for node in node_urls(url):
        try:
            with urllib.request.urlopen(node + "/", timeout=timeout) as response:
                info = json.loads(response.read())
        except OSError as exc:
            error = exc
            continue
        return "opensearch" if info.get("version", {}).get("distribution") == "opensearch" else "elasticsearch"
    raise error or OSError("ELASTICSEARCH_URL names no node")


@functools.lru_cache(maxsize=8)
def _client(url: str, flavor: str, timeout: float):
    nodes = node_urls(url)
    # a retry only makes sense on another node; one node: fail fast and let the caller fall back.
    # Several nodes: a node that dies mid-request (or hangs while the cluster reorganises) costs
    # one retry on another node, never a failed search.
    retries = min(len(nodes) - 1, 2)
    if flavor == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(nodes, timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0)
    from elasticsearch import Elasticsearch

    return Elasticsearch(nodes, request_timeout=timeout, max_retries=retries, retry_on_timeout=retries > 0)


_flavors: dict[str, str] = {}


def flavor() -> str:
    url = settings.ELASTICSEARCH_URL
    chosen = settings.SEARCH_ENGINE_CLIENT
    if chosen != "auto":
        return chosen
    if url not in _flavors:  # remembered only once the server answered
        _flavors[url] = detect_flavor(url, settings.SEARCH_TIMEOUT)
    return _flavors[url]


def get_client():
    return _client(settings.ELASTICSEARCH_URL, flavor(), float(settings.SEARCH_TIMEOUT))


def bulk_helper():
    if flavor() == "opensearch":
        from opensearchpy import helpers
    else:
        from elasticsearch import helpers
    return helpers.bulk


def bulk(client, actions, **kwargs):
    return bulk_helper()(client, actions, **kwargs)


MAINTENANCE_TIMEOUT = 120  # seconds: a bulk request or index creation on a busy node is not a search


def maintenance_client():
    """A client for writes and index management: SEARCH_TIMEOUT is what a person waits for, but a
    bulk request of hundreds of documents may take longer on a busy cluster, and a timeout there
    only means retrying the same work."""
    return _client(settings.ELASTICSEARCH_URL, flavor(), float(MAINTENANCE_TIMEOUT))


def engine_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "the engine did not answer": the caller falls back or retries."""
    import elastic_transport
    import elasticsearch
    import opensearchpy

    return (OSError, TimeoutError, elasticsearch.ApiError, elasticsearch.TransportError,
            elastic_transport.TransportError, opensearchpy.OpenSearchException)
