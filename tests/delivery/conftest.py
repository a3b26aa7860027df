"""Fixtures of the delivery tests: a small public site tree, a receiver on a free port."""
from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from tests.cms.conftest import labour, make_page, market, site, topic  # noqa: F401  (shared fixtures)
from tests.delivery.receiver import Receiver
from tests.services.base import free_port


def publish(parent, page):
    """Add ``page`` under ``parent`` as a draft and publish it the way the admin does."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def receiver():
    server = Receiver(free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def site_root(db):
    """A home page served by the default Site (a generic page: works before and after the cms app)."""
    root = Page.get_first_root_node()
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


@pytest.fixture
def content(make_page, market, labour, topic, api_settings):
    """Public items of every type plus hidden ones (see tests/delivery/content.py)."""
    from tests.delivery.content import build_content

    return build_content(make_page, market, labour, topic)
