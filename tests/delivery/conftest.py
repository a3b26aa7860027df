"""Fixtures of the delivery tests: a small public site tree, a receiver on a free port."""
from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from tests.delivery.receiver import Receiver
from tests.services.base import free_port


@pytest.fixture
def receiver():
    server = Receiver(free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def site_root(db):
    """A home page served by the default Site (a generic page: works before and after the cms app).

    A transactional test (``transaction=True``) may run after another one flushed the database,
    which also removes the tree root and the locale that Wagtail's migrations create."""
    from django.conf import settings
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="测试首页", slug="delivery-home"))
    Site.objects.update_or_create(is_default_site=True,
                                  defaults={"hostname": "testserver", "root_page": home, "port": 80})
    return home


@pytest.fixture
def api_settings(settings):
    settings.DELIVERY_RATE_LIMIT = 0
    return settings


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def own_search_index(settings):
    """Each test gets its own index on the real search node, when one runs (the services run)."""
    import os
    import uuid

    if not os.environ.get("ELASTICSEARCH_URL"):
        yield
        return
    from tests.search.conftest import delete_test_indices

    settings.SEARCH_INDEX_PREFIX = f"test-delivery-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_REFRESH = True
    yield
    delete_test_indices(settings.SEARCH_INDEX_PREFIX)


def drain_search_outbox() -> None:
    """What the worker does after commit; a test's transaction never commits, so do it here."""
    from search import engine

    if engine.is_configured():
        engine.drain_outbox(raise_errors=True, refresh=True)


@pytest.fixture
def content(make_page, market, labour, topic, api_settings):
    """Public items of every type plus hidden ones (see tests/delivery/content.py), searchable."""
    from tests.delivery.content import build_content

    built = build_content(make_page, market, labour, topic)
    drain_search_outbox()
    return built
