"""A department's site has its own 通知公告 and 政策文件 sections and non-empty feeds: its
department's items from the city's tree, served on its host in its theme (nothing copied)."""
from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from cms.models import NoticePage, PolicyPage
from themes.catalogue import SharedCataloguePage
from themes.models import ThemeSettings

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
HOST = "scjg.example.test"


@pytest.fixture
def department_site(make_page, market, labour):
    items = {
        "notice": make_page(NoticePage, market, title="市场监管窗口延时服务通知", slug="scj-late-hours"),
        "policy": make_page(PolicyPage, market, title="明川市食品经营许可管理办法", slug="scj-food-rules"),
        "other": make_page(NoticePage, labour, title="社保年度基数调整通知", slug="rsj-base"),
    }
    home = Page.objects.get(depth=1).add_child(instance=SharedCataloguePage(title="明川市市场监督管理局", slug="scj-home", department=market))
    site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="明川市市场监督管理局")
    ThemeSettings.objects.update_or_create(site=site, defaults={"theme": "department"})
    return items


@pytest.mark.parametrize("section, own, title", [("notices", "notice", "市场监管窗口延时服务通知"),
                                                  ("policies", "policy", "明川市食品经营许可管理办法")])
def test_each_section_lists_the_departments_items_in_its_theme(client, department_site, section, own, title):
    html = client.get(f"/{section}/", HTTP_HOST=HOST).content.decode()
    assert "theme-department" in html and title in html and "社保年度基数调整通知" not in html
    item = department_site[own]
    page = client.get(f"/{section}/{item.slug}/", HTTP_HOST=HOST)
    body = page.content.decode()
    assert page.status_code == 200 and "theme-department" in body and title in body
    assert f'<link rel="canonical" href="{item.get_full_url()}">' in body
    assert client.get(f"/{section}/rsj-base/", HTTP_HOST=HOST).status_code == 404  # another department's


@pytest.mark.parametrize("section, slug", [("notices", "scj-late-hours"), ("policies", "scj-food-rules")])
def test_the_department_sites_feeds_are_not_empty_and_link_to_its_host(client, department_site, section, slug):
    xml = client.get(f"/feeds/{section}/rss/", HTTP_HOST=HOST).content.decode()
    assert f"<link>http://{HOST}/{section}/{slug}/</link>" in xml
    assert "rsj-base" not in xml
