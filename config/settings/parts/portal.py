"""Settings owned by the `portal` app, applied onto the shared settings by ``base.py``.

Every value here is deployment-specific and comes from the environment (see ``.env.example``,
section "portal"); the defaults are the embedded set-up with the demo back-office systems.
"""
from django.core.exceptions import ImproperlyConfigured

from config.env import env_float, env_int, env_json, env_str


def check_backends(backends) -> dict:
    """PORTAL_BACKENDS must map names to http(s) base URLs; say which entry is wrong otherwise."""
    if not isinstance(backends, dict):
        raise ImproperlyConfigured('PORTAL_BACKENDS must be a JSON object like {"oa": "https://oa.example.gov.cn"}')
    for name, url in backends.items():
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(f"PORTAL_BACKENDS[{name!r}] must be an http(s) base URL, not {url!r}")
    return {name: url.rstrip("/") for name, url in backends.items()}


def apply(settings: dict) -> None:
    """Add the portal's settings and its demo back-office sidecar."""
    demo_port = env_int("PORTAL_DEMO_BACKENDS_PORT", 8001, minimum=1)
    demo_base = f"http://127.0.0.1:{demo_port}"
    settings["PORTAL_DEMO_BACKENDS_PORT"] = demo_port
    # Back-office systems by name: base URL (the only origin a widget of that back end may call,
    # and the JWT audience). Production: {"oa": "https://oa.example.gov.cn", ...}.
    settings["PORTAL_BACKENDS"] = check_backends(env_json(
        "PORTAL_BACKENDS",
        {
            "oa": f"{demo_base}/oa",
            "complaints": f"{demo_base}/12315",
            "cases": f"{demo_base}/cases",
            "meetings": f"{demo_base}/meetings",
        },
    ))
    # Identity for back ends: HS256 with PORTAL_JWT_SECRET (empty: derived from SECRET_KEY), or
    # RS256 when PORTAL_JWT_PRIVATE_KEY_FILE names a PEM key (back ends get the public key).
    settings["PORTAL_JWT_SECRET"] = env_str("PORTAL_JWT_SECRET", "")
    settings["PORTAL_JWT_PRIVATE_KEY_FILE"] = env_str("PORTAL_JWT_PRIVATE_KEY_FILE", "")
    settings["PORTAL_JWT_PUBLIC_KEY_FILE"] = env_str("PORTAL_JWT_PUBLIC_KEY_FILE", "")
    settings["PORTAL_JWT_ISSUER"] = env_str("PORTAL_JWT_ISSUER", "gov-portal")
    settings["PORTAL_JWT_TTL_SECONDS"] = env_int("PORTAL_JWT_TTL_SECONDS", 60, minimum=5)
    # Fetching: default per-widget timeout, worker threads, breaker thresholds, cache windows.
    settings["PORTAL_WIDGET_TIMEOUT"] = env_float("PORTAL_WIDGET_TIMEOUT", 3.0)
    settings["PORTAL_MAX_WORKERS"] = env_int("PORTAL_MAX_WORKERS", 32, minimum=1)
    settings["PORTAL_BREAKER_FAIL_MAX"] = env_int("PORTAL_BREAKER_FAIL_MAX", 5, minimum=1)
    settings["PORTAL_BREAKER_RESET_SECONDS"] = env_float("PORTAL_BREAKER_RESET_SECONDS", 30.0)
    settings["PORTAL_CACHE_TTL"] = env_int("PORTAL_CACHE_TTL", 60, minimum=0)
    settings["PORTAL_SWR_SECONDS"] = env_int("PORTAL_SWR_SECONDS", 300, minimum=0)
    settings["PORTAL_STALE_TTL"] = env_int("PORTAL_STALE_TTL", 86400, minimum=0)
    settings["PORTAL_CACHE_ALIAS"] = env_str("PORTAL_CACHE_ALIAS", "default")
    # One line per outbound request at INFO is noise; failures are logged by portal.fetching.
    settings["LOGGING"]["loggers"]["httpx"] = {"level": "WARNING"}
    settings["EMBEDDED_SIDECARS"].append(
        ["manage.py", "portal_demo_backends", "--port", str(demo_port), "--latency", "50-300"]
    )
