"""Anonymous users are sent to log in; a widget the user's roles do not allow is refused (403
JSON) by every URL, guessed or not, and never appears in their home."""
import pytest

from tests.portal.conftest import make_layout, make_user, make_widget

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_widget(demo):
    widget = make_widget("approvals", roles=["审批人员"])
    make_widget("for-all", url="{backend}/api/todos")
    make_layout("everyone", ["approvals", "for-all"])
    return widget


def test_anonymous_html_goes_to_login(client):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/portal/")


@pytest.mark.parametrize("url", ["/portal/api/home/", "/portal/api/layout/", "/portal/api/widgets/approvals/", "/portal/widgets/approvals/"])
def test_anonymous_api_gets_401_json(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"


@pytest.mark.parametrize("url", ["/portal/api/widgets/approvals/", "/portal/widgets/approvals/", "/portal/launch/approvals/0/"])
def test_a_guessed_widget_url_is_refused_to_other_roles(client, outsider, secret_widget, url):
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 403
    assert response.json() == {"error": "forbidden", "message": "您的角色无权查看该组件。"}


def test_an_unknown_widget_looks_the_same_as_a_forbidden_one(client, outsider, secret_widget):
    client.force_login(outsider)
    assert client.get("/portal/api/widgets/no-such-widget/").json() == client.get("/portal/api/widgets/approvals/").json()


def test_the_home_leaves_out_widgets_of_other_roles(client, outsider, official, secret_widget):
    client.force_login(outsider)
    assert [w["key"] for w in client.get("/portal/api/home/").json()["widgets"]] == ["for-all"]
    assert "approvals" not in client.get("/portal/").content.decode()
    client.force_login(official)
    assert [w["key"] for w in client.get("/portal/api/home/").json()["widgets"]] == ["approvals", "for-all"]


def test_a_personal_layout_cannot_add_a_forbidden_widget(client, outsider, secret_widget):
    client.force_login(outsider)
    response = client.put("/portal/api/layout/", {"items": [{"widget": "approvals"}]}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["field"] == "items[0].widget"


def test_a_saved_layout_loses_a_widget_when_the_role_is_taken_away(client, official, secret_widget):
    client.force_login(official)
    items = [{"widget": "approvals", "width": 2, "height": 1}, {"widget": "for-all", "width": 1, "height": 1}]
    assert client.put("/portal/api/layout/", {"items": items}, content_type="application/json").status_code == 200
    official.groups.clear()
    assert [w["key"] for w in client.get("/portal/api/home/").json()["widgets"]] == ["for-all"]
    assert client.get("/portal/api/widgets/approvals/").status_code == 403


def test_department_restricted_widgets(client, demo):
    make_widget("dept-only", departments=["市市场监督管理局"])
    make_layout("everyone", ["dept-only"])
    member = make_user("member", department="市市场监督管理局")
    stranger = make_user("stranger", department="市人民政府办公室")
    client.force_login(stranger)
    assert client.get("/portal/api/widgets/dept-only/").status_code == 403
    client.force_login(member)
    assert client.get("/portal/api/widgets/dept-only/").status_code == 200
