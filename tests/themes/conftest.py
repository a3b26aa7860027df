"""Fixtures for the themes tests: two Wagtail Sites on two host names with different themes."""
from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from themes.models import ThemeSettings


@pytest.fixture
def two_sites(db):
    """The city site on 127.0.0.1 (default theme) and a department site on localhost."""
    root = Page.objects.get(depth=1)
    Site.objects.all().delete()
    city_home = root.add_child(instance=Page(title="明川市人民政府", slug="city-home"))
    dept_home = root.add_child(instance=Page(title="明川市市场监督管理局", slug="dept-home"))
    city = Site.objects.create(hostname="127.0.0.1", port=80, root_page=city_home, is_default_site=True,
                               site_name="明川市人民政府")
    dept = Site.objects.create(hostname="localhost", port=80, root_page=dept_home, site_name="明川市市场监督管理局")
    ThemeSettings.objects.update_or_create(site=dept, defaults={"theme": "department"})
    return city, dept
