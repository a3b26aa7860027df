"""Public views of the themes app that do not depend on content: error pages, search page shell,
sitemap, Chinese dates."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from themes.templatetags.themes_tags import cn_date

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_404_is_chinese_helpful_and_themed(client, two_sites):
    response = client.get("/nowhere/", HTTP_HOST="localhost")
    html = response.content.decode()
    assert response.status_code == 404
    assert "抱歉，您访问的页面不存在" in html
    assert 'action="/search/"' in html and 'href="/"' in html  # a way on: search and home
    assert "theme-department" in html


def test_500_page_renders_without_a_request():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "服务器暂时出现问题" in html and "12345" in html


@pytest.mark.parametrize("template, text", [("403.html", "没有权限"), ("400.html", "请求有误")])
def test_other_error_pages_are_chinese(rf, two_sites, template, text):
    from django.template import loader

    request = rf.get("/", HTTP_HOST="127.0.0.1")
    assert text in loader.get_template(template).render({}, request)


def test_search_page_without_query_shows_the_form(client, two_sites):
    response = client.get("/search/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_sitemap_lists_the_requesting_sites_pages(client, two_sites):
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "<loc>http://localhost/</loc>" in response.content.decode()


def test_unknown_feed_is_404(client, two_sites):
    assert client.get("/feeds/nothing/rss/", HTTP_HOST="127.0.0.1").status_code == 404


@pytest.mark.parametrize("value, expected", [
    (dt.date(2024, 5, 1), "2024年5月1日"),
    (dt.datetime(2024, 4, 30, 17, 0, tzinfo=dt.timezone.utc), "2024年5月1日"),  # 01:00 in Shanghai
    ("2024-12-09T08:00:00+08:00", "2024年12月9日"),
    (None, ""),
])
def test_chinese_dates(value, expected, settings):
    assert cn_date(value) == expected
