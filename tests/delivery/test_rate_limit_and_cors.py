"""Rate limiting per client (429 + Retry-After, counted in the shared cache) and the CORS
allow-list from settings."""
import pytest
from django.core.cache import cache

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def limited(settings, site_root):
    settings.DELIVERY_RATE_LIMIT = 3
    settings.DELIVERY_RATE_WINDOW = 60
    return settings


def test_the_fourth_request_in_a_window_gets_429_with_retry_after(client, limited):
    statuses = [client.get("/api/v1/pages/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = client.get("/api/v1/pages/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["error"] == "rate_limited"


def test_clients_are_counted_separately(client, limited):
    for _ in range(4):
        client.get("/api/v1/pages/", REMOTE_ADDR="10.0.0.1")
    assert client.get("/api/v1/pages/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/v1/pages/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_count_lives_in_the_shared_cache(client, limited):
    """Another app process sharing the cache (Redis) sees the same budget."""
    client.get("/api/v1/pages/", REMOTE_ADDR="10.0.0.9")
    keys = [k for k in _cache_keys() if "10.0.0.9" in k]
    assert keys, "the counter was not written to the cache"


def _cache_keys():
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # local memory
        return [str(k) for k in cache._cache]
    return [k.decode() if isinstance(k, bytes) else k for k in cache.client.get_client().keys("*")]


def test_behind_trusted_proxies_the_forwarded_address_counts(client, limited):
    limited.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(3):
        client.get("/api/v1/pages/", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client.get("/api/v1/pages/", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert client.get("/api/v1/pages/", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 200


@pytest.mark.parametrize("path", ["/api/search/", "/api/theme/"])
def test_other_apps_under_api_are_not_limited_here(client, limited, path):
    for _ in range(5):
        response = client.get(path)
    assert response.status_code != 429
    # those five did not count: the delivery API still has its whole budget of three
    assert [client.get("/api/openapi.json").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_cors_allows_listed_origins_only(client, settings, site_root):
    settings.DELIVERY_RATE_LIMIT = 0
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.cn"]
    allowed = client.get("/api/v1/pages/", HTTP_ORIGIN="https://app.example.cn")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.cn"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get("/api/v1/pages/", HTTP_ORIGIN="https://evil.example.com")
    assert not other.has_header("Access-Control-Allow-Origin")
    preflight = client.options("/api/v1/pages/", HTTP_ORIGIN="https://app.example.cn",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
