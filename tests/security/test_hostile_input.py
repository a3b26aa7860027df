"""#13 items 9 and 10: hostile input is a 4xx with a reason, never a 500: NUL in any parameter
(PostgreSQL refuses NUL in text, so this runs in the services pass too), impossible years, odd
digits in ports and positions, infinite numbers, deeply nested JSON."""
import json
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User

from cms.models import NoticePage, PolicyPage, ServiceGuidePage
from config.hostile_input import ascii_int, parse_json

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

NUL = "a\x00b"
GET_ENDPOINTS = {
    "/search/": ["q", "type", "department", "topic", "year", "page", "sort"],
    "/api/search/": ["q", "type", "department", "topic", "year", "page", "size", "sort", "from"],
    "/api/search/suggest/": ["q"],
    "/notices/": ["department", "topic", "year", "sort", "page"],
    "/services/": ["department", "topic", "year", "sort", "page"],
    "/policies/": ["department", "topic", "year", "status", "sort", "page"],
    "/api/v1/content/": ["type", "department", "topic", "status", "audience", "search", "ordering",
                         "fields", "published_after", "published_before", "page", "page_size"],
    "/api/v1/pages/": ["type", "child_of", "ordering", "fields", "page", "page_size"],
    "/api/v1/departments/": ["page"], "/api/v1/topics/": ["page"],
    "/api/theme/": ["site"],
    "/feeds/notices/rss/": ["x"], "/sitemap.xml": ["p"],
}
BAD_YEARS = ["0000", "0001", "²²²²", "٢٠٢٤", "99999", "-1", "1e3", " 2024", "2024\x00"]


@pytest.fixture
def pages(make_page, market, topic):
    make_page(NoticePage, market, title="通知")
    make_page(PolicyPage, market, title="政策", status="有效")
    make_page(ServiceGuidePage, market, title="指南")


def assert_4xx_or_ok(response, what):
    assert response.status_code < 500, (what, response.status_code, response.content[:300])


@pytest.mark.parametrize("path", GET_ENDPOINTS)
def test_nul_in_any_query_parameter_is_a_400(client, pages, path):
    for name in GET_ENDPOINTS[path]:
        response = client.get(f"{path}?{name}={quote(NUL)}")
        assert response.status_code == 400, (path, name, response.status_code)
        assert "空字符" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/departments/a%00b/", "/api/v1/topics/a%00b/", "/notices/a%00b/",
                                  "/api/v1/content/1%00/"])
def test_nul_in_the_path_is_a_4xx(client, pages, path):
    assert_4xx_or_ok(client.get(path), path)


@pytest.mark.parametrize("year", BAD_YEARS)
def test_impossible_years_are_ignored(client, pages, year):
    for path in ("/notices/", "/services/", "/policies/", "/search/", "/api/search/"):
        assert_4xx_or_ok(client.get(path, {"year": year}), (path, year))
    assert client.get("/notices/", {"year": "0000"}).status_code == 200


@pytest.mark.parametrize("site", ["localhost:²", "localhost:٣", "localhost:99999999999999999999", "localhost:-1",
                                  "localhost:", ":", "x" * 5000, "[::1]:80"])
def test_theme_site_parameter(client, site):
    assert_4xx_or_ok(client.get("/api/theme/", {"site": site}), site)


@pytest.mark.parametrize("position", ["1e309", 1e308, 2 ** 31, 2 ** 63, -1, "²", "NaN", "Infinity", [1], {"a": 1}, True])
def test_click_position(client, position):
    body = json.dumps({"q": "营业执照", "url": "https://example.test/a", "position": position})
    response = client.post("/api/search/click/", body, content_type="application/json")
    assert response.status_code == 400, (position, response.status_code)
    form = client.post("/api/search/click/", {"q": "营业执照", "url": "https://example.test/a", "position": str(position)})
    assert form.status_code == 400


def test_click_with_a_real_position_is_recorded(client):
    response = client.post("/api/search/click/", json.dumps({"q": "营业执照", "url": "https://example.test/a", "position": 3}),
                           content_type="application/json")
    assert response.status_code in (200, 201, 202, 204, 429)


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, '{"items": ' + "[" * 5000 + "]" * 5000 + "}",
                                  '{"items": [{"key": "a\\u0000b"}]}', b"\xff\xfe", "{bad"])
def test_portal_layout_refuses_hostile_json(client, body):
    client.force_login(User.objects.create_user("lina", "l@example.test", "x"))
    response = client.put("/portal/api/layout/", body.encode() if isinstance(body, str) else body,
                          content_type="application/json")
    assert response.status_code == 400, response.status_code


def test_nul_in_a_form_body_is_a_400(client):
    response = client.post("/accounts/login/", {"login": NUL, "password": "x"})
    assert response.status_code == 400


def test_helpers():
    assert ascii_int("2024", minimum=1000, maximum=9999) == 2024
    for bad in ("²", "0000", "1e3", "", None, 1.5, True, "9" * 40):
        assert ascii_int(bad, minimum=1000, maximum=9999) is None
    with pytest.raises(ValueError):
        parse_json("[" * 40 + "]" * 40)
    assert parse_json(b'{"a": [1, 2]}') == {"a": [1, 2]}
