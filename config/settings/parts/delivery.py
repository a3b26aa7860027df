"""Settings owned by the `delivery` app (the headless API), applied onto the shared settings by
``base.py``. Every deployment-specific value comes from the environment (see ``.env.example``)."""
from config.env import env_int, env_list, env_str


def apply(settings: dict) -> None:
    """Add the delivery app's middleware and its settings, read from the environment."""
    settings["INSTALLED_APPS"].append("corsheaders")
    middleware = settings["MIDDLEWARE"]
    # CORS answers pre-flight requests itself, so it sits before CommonMiddleware; the rate limit
    # comes before the response cache so that cache hits count too.
    middleware.insert(middleware.index("django.middleware.common.CommonMiddleware"),
                      "corsheaders.middleware.CorsMiddleware")
    middleware.append("cms.delivery.ratelimit.RateLimitMiddleware")
    middleware.append("cms.delivery.caching.ConditionalCacheMiddleware")

    # --- CORS: only these origins may read the API from a browser -----------------------------
    settings["CORS_ALLOWED_ORIGINS"] = env_list("DELIVERY_CORS_ALLOWED_ORIGINS", [])
    settings["CORS_URLS_REGEX"] = r"^/api/.*$"
    settings["CORS_ALLOW_METHODS"] = ["GET", "HEAD", "OPTIONS"]
    settings["CORS_EXPOSE_HEADERS"] = ["ETag", "Last-Modified", "Retry-After", "X-Request-ID"]
    settings["CORS_PREFLIGHT_MAX_AGE"] = 86400

    # --- the content API -------------------------------------------------------------------------
    settings["DELIVERY_API_PREFIX"] = "/api/v1/"
    settings["DELIVERY_PAGE_SIZE_MAX"] = env_int("DELIVERY_PAGE_SIZE_MAX", 100, minimum=1)
    settings["DELIVERY_IMAGE_RENDITIONS"] = {
        "thumbnail": "fill-320x200",
        "medium": "max-800x600",
        "large": "max-1600x1200",
    }

    # --- HTTP caching and purge ------------------------------------------------------------------
    settings["DELIVERY_CACHE_MAX_AGE"] = env_int("DELIVERY_CACHE_MAX_AGE", 60, minimum=0)
    settings["DELIVERY_CACHE_S_MAXAGE"] = env_int("DELIVERY_CACHE_S_MAXAGE", 300, minimum=0)
    settings["DELIVERY_PURGE_BACKEND"] = env_str("DELIVERY_PURGE_BACKEND", "noop")
    settings["DELIVERY_PURGE_URLS"] = env_list("DELIVERY_PURGE_URLS", [])

    # --- rate limiting (per client address, shared through the cache) ---------------------------
    settings["DELIVERY_RATE_LIMIT"] = env_int("DELIVERY_RATE_LIMIT", 300, minimum=0)  # 0 = off
    settings["DELIVERY_RATE_WINDOW"] = env_int("DELIVERY_RATE_WINDOW", 60, minimum=1)
    settings["DELIVERY_TRUSTED_PROXIES"] = env_int("DELIVERY_TRUSTED_PROXIES", 0, minimum=0)

    # --- draft preview for external front ends ---------------------------------------------------
    settings["DELIVERY_PREVIEW_TTL"] = env_int("DELIVERY_PREVIEW_TTL", 900, minimum=10)
    settings["DELIVERY_PREVIEW_FRONTEND_URL"] = env_str("DELIVERY_PREVIEW_FRONTEND_URL", "")

    # --- webhooks --------------------------------------------------------------------------------
    settings["DELIVERY_WEBHOOK_TIMEOUT"] = env_int("DELIVERY_WEBHOOK_TIMEOUT", 10, minimum=1)
    settings["DELIVERY_WEBHOOK_MAX_ATTEMPTS"] = env_int("DELIVERY_WEBHOOK_MAX_ATTEMPTS", 12, minimum=1)
    settings["DELIVERY_WEBHOOK_BACKOFF_BASE"] = env_int("DELIVERY_WEBHOOK_BACKOFF_BASE", 30, minimum=1)
    settings["DELIVERY_WEBHOOK_BACKOFF_MAX"] = env_int("DELIVERY_WEBHOOK_BACKOFF_MAX", 6 * 3600, minimum=1)
    # Deliveries whose retry is due: a job of the periodic worker (cms/delivery/periodic.py).
