"""The Elasticsearch side of `search`: client, mapping, index management and queries."""
from search.engine.client import is_configured  # noqa: F401
from search.engine.index import drain_outbox, pending_count  # noqa: F401


def health_check() -> None:
    """Readiness: raises when Elasticsearch is configured but does not answer."""
    from search.engine.client import get_client

    if not is_configured():
        return
    # no ``timeout=`` here: opensearch-py takes it as the HTTP timeout, not the cluster's; the
    # client's own timeout (SEARCH_TIMEOUT) bounds the call
    health = get_client().cluster.health()
    if health.get("status") == "red":
        raise RuntimeError("search cluster health is red")
