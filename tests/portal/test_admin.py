"""Administrators edit widgets and layouts in the Wagtail admin, validated like the loader."""
import pytest
from django.contrib.auth.models import User

from portal.models import WidgetDefinition

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.gov.cn", "pw-for-tests-only"))
    return client


def form(**overrides):
    data = {"key": "todo", "title": "待办", "widget_type": "todo", "connector": "rest", "backend": "oa",
            "connector_config": '{"url": "{backend}/api/todos", "items_path": "items"}', "settings": "{}",
            "departments": "[]", "enabled": "on", "timeout": "", "cache_ttl": ""}
    return {**data, **overrides}


def test_the_portal_snippets_are_in_the_admin(admin_client):
    assert admin_client.get("/admin/snippets/portal/widgetdefinition/").status_code == 200
    assert admin_client.get("/admin/snippets/portal/defaultlayout/add/").status_code == 200


def test_a_widget_is_created_in_the_admin(admin_client):
    response = admin_client.post("/admin/snippets/portal/widgetdefinition/add/", form())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert WidgetDefinition.objects.get(key="todo").connector_config["items_path"] == "items"


def test_the_admin_refuses_a_connector_config_that_would_call_another_host(admin_client):
    bad = form(connector_config='{"url": "https://elsewhere.example.com/x"}')
    response = admin_client.post("/admin/snippets/portal/widgetdefinition/add/", bad)
    assert response.status_code == 200
    assert "must start with {backend}" in response.content.decode()
    assert not WidgetDefinition.objects.exists()
