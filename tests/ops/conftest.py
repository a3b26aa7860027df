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
        # eight editors of the demo department, beside the demo reviewer and publisher
        site.query(
            "from django.contrib.auth.models import Group, User\n"
            "from cms.models import Department\n"
            "from cms.permissions import group_name\n"
            "group = Group.objects.get(name=group_name(Department.objects.get(slug='scjgj'), 'editor'))\n"
            f"for n in range({EDITORS}):\n"
            f"    user = User.objects.create_user(f'editor{{n}}', f'editor{{n}}@example.gov.cn', '{EDITOR_PASSWORD}')\n"
            "    user.groups.add(group)\n"
            "result = User.objects.count()"
        )
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
