"""One demo installation is built per test session (migrate, collectstatic, demo data: the slow
part) and each test gets its own copy of it (a SQLite file copy or a PostgreSQL TEMPLATE clone)."""
from __future__ import annotations

import pytest

from tests.ops.installation import Installation

EDITORS = 8
EDITOR_PASSWORD = "Concurrent-editor-2026"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture(scope="session")
def template_site(tmp_path_factory, static_root):
    site = Installation(tmp_path_factory.mktemp("template-site"), static_root=static_root)
    try:
        site.build()
        site.add_editors(EDITORS, EDITOR_PASSWORD)
        yield site
    finally:
        site.drop()


@pytest.fixture
def site_copy(template_site, tmp_path):
    site = template_site.clone(tmp_path / "site")
    try:
        yield site
    finally:
        site.drop()
