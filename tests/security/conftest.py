"""The security tests use the delivery tests' content and receiver (tests/fixtures/delivery.py),
each test with an empty cache and its own search index, like the delivery tests."""
import pytest


@pytest.fixture(autouse=True)
def isolated_security(fresh_cache, own_search_index):
    yield
