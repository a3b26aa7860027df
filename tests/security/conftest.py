"""Fixtures of the security tests: the shared site tree and content of the CMS/delivery tests."""
from tests.cms.conftest import labour, make_page, market, site, team, topic  # noqa: F401
from tests.delivery.conftest import (  # noqa: F401
    api_settings, content, fresh_cache, own_search_index, receiver, site_root,
)
