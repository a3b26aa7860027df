"""Settings owned by the `search` app, applied onto the shared settings by ``base.py``."""
from config.env import env_bool, env_int, env_str


def apply(settings: dict) -> None:
    """Search engine address, index layout and query limits, from the environment."""
    # Empty: no Elasticsearch, the database answers (the embedded default).
    settings["ELASTICSEARCH_URL"] = env_str("ELASTICSEARCH_URL", "").rstrip("/")
    # auto (ask the server), elasticsearch or opensearch: which client library talks to it.
    settings["SEARCH_ENGINE_CLIENT"] = env_str("SEARCH_ENGINE_CLIENT", "auto")
    if settings["SEARCH_ENGINE_CLIENT"] not in {"auto", "elasticsearch", "opensearch"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SEARCH_ENGINE_CLIENT must be auto, elasticsearch or opensearch")
    settings["SEARCH_INDEX_PREFIX"] = env_str("SEARCH_INDEX_PREFIX", "gov")
    settings["SEARCH_SHARDS"] = env_int("SEARCH_SHARDS", 1, minimum=1)
    settings["SEARCH_REPLICAS"] = env_int("SEARCH_REPLICAS", 0, minimum=0)
    settings["SEARCH_TIMEOUT"] = env_int("SEARCH_TIMEOUT", 5, minimum=1)
    settings["SEARCH_BULK_CHUNK"] = env_int("SEARCH_BULK_CHUNK", 500, minimum=1)
    # bigram, jieba or both: see README (search) for the measurement behind the default.
    settings["SEARCH_QUERY_MODE"] = env_str("SEARCH_QUERY_MODE", "both")
    if settings["SEARCH_QUERY_MODE"] not in {"bigram", "jieba", "both"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SEARCH_QUERY_MODE must be bigram, jieba or both")
    settings["SEARCH_DEFAULT_PAGE_SIZE"] = 10
    settings["SEARCH_LOG_QUERIES"] = True  # analytics; benchmarks switch it off
    settings["SEARCH_MAX_PAGE_SIZE"] = env_int("SEARCH_MAX_PAGE_SIZE", 50, minimum=1)
    # hot path at scale (search/engine/query.py): totals exact up to this bound; facets of page 1
    # reused by the following pages for this long
    settings["SEARCH_TRACK_TOTAL_HITS"] = env_int("SEARCH_TRACK_TOTAL_HITS", 10000, minimum=1)
    settings["SEARCH_FACET_CACHE_SECONDS"] = env_int("SEARCH_FACET_CACHE_SECONDS", 120, minimum=1)
    # analytics (search/analytics.py): per-client de-duplication and rate, buffered bulk writes
    settings["SEARCH_ANALYTICS_DEDUP_SECONDS"] = env_int("SEARCH_ANALYTICS_DEDUP_SECONDS", 600, minimum=1)
    settings["SEARCH_ANALYTICS_PER_CLIENT"] = env_int("SEARCH_ANALYTICS_PER_CLIENT", 30, minimum=1)
    settings["SEARCH_ANALYTICS_WINDOW_SECONDS"] = env_int("SEARCH_ANALYTICS_WINDOW_SECONDS", 3600, minimum=1)
    settings["SEARCH_ANALYTICS_BATCH"] = env_int("SEARCH_ANALYTICS_BATCH", 50, minimum=1)
    settings["SEARCH_ANALYTICS_FLUSH_SECONDS"] = env_int("SEARCH_ANALYTICS_FLUSH_SECONDS", 30, minimum=1)
    # refresh after each outbox drain: false in production (near real time, ~1 s), true in tests
    settings["SEARCH_REFRESH"] = env_bool("SEARCH_REFRESH", False)
    if settings["ELASTICSEARCH_URL"]:
        # catches up on the outbox after an outage even when nothing new is published
        settings["EMBEDDED_SIDECARS"].append(["manage.py", "drain_search_outbox", "--loop", "10"])
