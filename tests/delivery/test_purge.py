"""Front-end cache purge: the no-op default, and the generic HTTP PURGE backend against a real
HTTP server, called when a page is published or unpublished."""
import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page

from cms.delivery.purge import HttpPurgeBackend, NoopPurgeBackend, get_purge_backend
from tests.fixtures.content import publish
from tests.services.base import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_default_backend_does_nothing(settings):
    assert settings.DELIVERY_PURGE_BACKEND == "noop"
    assert isinstance(get_purge_backend(), NoopPurgeBackend)


def test_an_unknown_backend_or_missing_location_is_a_configuration_error(settings):
    settings.DELIVERY_PURGE_BACKEND = "varnishh"
    with pytest.raises(ImproperlyConfigured, match="varnishh"):
        get_purge_backend()
    settings.DELIVERY_PURGE_BACKEND = "http"
    settings.DELIVERY_PURGE_URLS = []
    with pytest.raises(ImproperlyConfigured):
        get_purge_backend()


def test_publish_and_unpublish_purge_the_api_urls(site_root, receiver, settings, django_capture_on_commit_callbacks):
    settings.DELIVERY_PURGE_BACKEND = "http"
    settings.DELIVERY_PURGE_URLS = [receiver.url]
    settings.BASE_URL = "https://www.example.gov.cn"
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(site_root, Page(title="页", slug="purged"))
    paths = {r.path for r in receiver.requests}
    assert {f"/api/v1/pages/{page.pk}/", "/api/v1/content/", "/api/v1/pages/"} <= paths
    assert all(r.method == "PURGE" for r in receiver.requests)
    assert {r.headers["Host"] for r in receiver.requests if r.path.startswith("/api/")} == {"www.example.gov.cn"}
    assert ("testserver", "/purged/") in {(r.headers["Host"], r.path) for r in receiver.requests}  # the HTML page

    receiver.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert f"/api/v1/pages/{page.pk}/" in {r.path for r in receiver.requests}


def test_an_unreachable_cache_is_logged_not_raised(settings, caplog):
    backend = HttpPurgeBackend([f"http://127.0.0.1:{free_port()}"], timeout=1)
    assert backend.purge(["https://www.example.gov.cn/api/v1/pages/1/"]) == 0
    assert "purge of /api/v1/pages/1/" in caplog.text
