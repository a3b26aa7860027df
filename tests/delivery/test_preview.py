"""Draft preview for external front ends: a signed, short-lived token for one page's revision."""
import time
from unittest import mock

import pytest
from wagtail.models import Page

from cms.delivery.preview import make_token
from tests.fixtures.content import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(site_root, api_settings):
    """A live page with a newer, unpublished draft revision."""
    page = publish(site_root, Page(title="已发布标题", slug="previewed"))
    page.title = "草稿标题"
    revision = page.save_revision()
    return page, revision


def test_a_valid_token_serves_that_draft_revision_uncached(client, drafted):
    page, revision = drafted
    response = client.get(f"/api/v1/preview/{page.pk}/", {"token": make_token(page.pk, revision.pk)})
    assert response.status_code == 200
    assert response.json()["title"] == "草稿标题"
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert client.get(f"/api/v1/pages/{page.pk}/").json()["title"] == "已发布标题"


def test_a_token_for_another_page_is_refused(client, drafted, site_root):
    page, revision = drafted
    other = publish(site_root, Page(title="另一页", slug="other"))
    response = client.get(f"/api/v1/preview/{other.pk}/", {"token": make_token(page.pk, revision.pk)})
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"


def test_a_revision_of_another_page_is_refused(client, drafted, site_root):
    page, _revision = drafted
    other = publish(site_root, Page(title="另一页", slug="other"))
    other_revision = other.save_revision()
    response = client.get(f"/api/v1/preview/{page.pk}/", {"token": make_token(page.pk, other_revision.pk)})
    assert response.status_code == 404


def test_forged_and_expired_tokens_are_refused(client, drafted, settings):
    page, revision = drafted
    token = make_token(page.pk, revision.pk)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(f"/api/v1/preview/{page.pk}/", {"token": forged}).status_code == 403
    assert client.get(f"/api/v1/preview/{page.pk}/", {"token": "not-a-token"}).status_code == 403
    assert client.get(f"/api/v1/preview/{page.pk}/").status_code == 400

    settings.DELIVERY_PREVIEW_TTL = 60
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 61):
        old = make_token(page.pk, revision.pk)
    response = client.get(f"/api/v1/preview/{page.pk}/", {"token": old})
    assert response.status_code == 403
    assert "过期" in response.json()["message"]


def test_editors_get_a_token_from_the_admin(admin_client, drafted, settings):
    page, revision = drafted
    settings.DELIVERY_PREVIEW_FRONTEND_URL = "https://app.example.cn/preview?page={page_id}&token={token}"
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert f"/admin/delivery/preview/{page.pk}/" in edit.content.decode()
    response = admin_client.get(f"/admin/delivery/preview/{page.pk}/")
    assert response.status_code == 200
    token = response.context["token"]
    assert response.context["frontend_url"].startswith(f"https://app.example.cn/preview?page={page.pk}&token=")
    assert admin_client.get(f"/api/v1/preview/{page.pk}/", {"token": token}).json()["title"] == "草稿标题"


def test_users_who_cannot_edit_the_page_get_no_token(client, drafted, django_user_model):
    page, _revision = drafted
    user = django_user_model.objects.create_user("reader", password="pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(f"/admin/delivery/preview/{page.pk}/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied"
