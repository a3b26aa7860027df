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
    # refresh after each outbox drain: false in production (near real time, ~1 s), true in tests
    settings["SEARCH_REFRESH"] = env_bool("SEARCH_REFRESH", False)
    # The outbox catch-up after an engine outage is a job of the periodic worker (search/periodic.py).
