"""Fixtures of the security tests: the delivery tests' content and receiver (the site tree and
page factory are global, tests/fixtures/content.py)."""
from tests.delivery.conftest import (  # noqa: F401
    api_settings, content, fresh_cache, own_search_index, receiver, site_root,
)
