"""The site boots and the operational endpoints answer as shared/contracts §5 says."""
import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_each_component_up(client):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert {"database", "cache"} <= set(body["components"])
    assert all(part["status"] == "ok" for part in body["components"].values())


def test_admin_login_page_is_in_chinese_by_default(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-hans"' in html
    assert "登录" in html


def test_english_is_selectable(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en"' in response.content.decode()


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="trace-1234567890")
    assert response["X-Request-ID"] == "trace-1234567890"
    generated = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")
    assert generated["X-Request-ID"] != "bad id with spaces"
    assert len(generated["X-Request-ID"]) == 32


def test_time_zone_and_language_defaults(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"


def test_configuration_matches_the_run(configuration, settings):
    """Both runs of the test command are honest about what they run against."""
    engine = settings.DATABASES["default"]["ENGINE"]
    cache = settings.CACHES["default"]["BACKEND"]
    if configuration == "services":
        assert engine == "django.db.backends.postgresql"
        assert cache == "django_redis.cache.RedisCache"
    else:
        assert engine == "django.db.backends.sqlite3"
        assert cache == "django.core.cache.backends.locmem.LocMemCache"
