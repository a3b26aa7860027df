"""The one place that creates the search engine client.

Production talks to Elasticsearch 8 through elasticsearch-py. The test command runs OpenSearch
2.19 (no Elasticsearch 8 server is obtainable there, see tests/services/elasticsearch.py), and
elasticsearch-py 8 refuses non-Elastic servers, so for an OpenSearch URL the same calls go
through opensearch-py. Only APIs both engines share with the same JSON are used elsewhere
(``body=`` requests, bulk helpers, aliases)."""
from __future__ import annotations

import functools
import json
import urllib.request

from django.conf import settings


def is_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def detect_flavor(url: str, timeout: float) -> str:
    with urllib.request.urlopen(url.rstrip("/") + "/", timeout=timeout) as response:
        info = json.loads(response.read())
    return "opensearch" if info.get("version", {}).get("distribution") == "opensearch" else "elasticsearch"


@functools.lru_cache(maxsize=4)
def _client(url: str, flavor: str, timeout: float):
    if flavor == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch([url], timeout=timeout, max_retries=0, retry_on_timeout=False)
    from elasticsearch import Elasticsearch

    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


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


def engine_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "the engine did not answer": the caller falls back or retries."""
    import elastic_transport
    import elasticsearch
    import opensearchpy

    return (OSError, TimeoutError, elasticsearch.ApiError, elasticsearch.TransportError,
            elastic_transport.TransportError, opensearchpy.OpenSearchException)
