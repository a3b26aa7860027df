"""Every delivery test starts with an empty cache and, on the services run, its own search index
(the fixtures themselves are shared: tests/fixtures/delivery.py)."""
import pytest


@pytest.fixture(autouse=True)
def isolated_delivery(fresh_cache, own_search_index):
    yield
