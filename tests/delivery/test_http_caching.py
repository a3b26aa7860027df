"""ETag, Last-Modified, 304 on conditional requests, Cache-Control a CDN can use, and fresh
validators after a publish."""
import pytest
from wagtail.models import Page

from tests.fixtures.content import publish

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def page(site_root, api_settings):
    return publish(site_root, Page(title="公开页面", slug="public-page"))


def test_it_sets_validators_and_cache_control_on_public_responses(client, page):
    for url in (f"/api/v1/pages/{page.pk}/", "/api/v1/pages/", "/api/openapi.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
        assert response["Last-Modified"]
        assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]


def test_it_answers_304_to_a_matching_etag(client, page):
    url = f"/api/v1/pages/{page.pk}/"
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_it_answers_304_to_if_modified_since(client, page):
    url = f"/api/v1/pages/{page.pk}/"
    first = client.get(url)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_last_modified_is_the_pages_publication_time(client, page):
    from django.utils.http import http_date

    page.refresh_from_db()
    response = client.get(f"/api/v1/pages/{page.pk}/")
    assert response["Last-Modified"] == http_date(page.last_published_at.timestamp())


def test_a_publish_changes_the_etag_of_listings_and_details(client, page, django_capture_on_commit_callbacks):
    listing, detail = client.get("/api/v1/pages/"), client.get(f"/api/v1/pages/{page.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "改过的标题"
        page.save_revision().publish()
    new_listing = client.get("/api/v1/pages/", HTTP_IF_NONE_MATCH=listing["ETag"])
    new_detail = client.get(f"/api/v1/pages/{page.pk}/", HTTP_IF_NONE_MATCH=detail["ETag"])
    assert new_listing.status_code == 200 and new_detail.status_code == 200
    assert new_detail.json()["title"] == "改过的标题"
    assert new_detail["ETag"] != detail["ETag"]


def test_errors_are_not_cached_publicly(client, site_root, api_settings):
    response = client.get("/api/v1/pages/999999/")
    assert response.status_code == 404
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_renaming_a_department_refreshes_cached_items(client, content):
    url = f"/api/v1/content/{content.policy.pk}/"
    first = client.get(url)
    department = content.policy.department
    department.name = "明川市市场监管局（更名）"
    department.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["department"]["name"] == "明川市市场监管局（更名）"
