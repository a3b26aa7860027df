"""Default layouts merge over roles without duplicates; personal layouts persist and reset."""
import pytest
from django.test import Client

from portal.layouts import default_items
from tests.portal.conftest import make_layout, make_user, make_widget

pytestmark = pytest.mark.django_db


@pytest.fixture
def widgets(demo):
    for key in ("w1", "w2", "w3", "w4", "w5"):
        make_widget(key)
    make_layout("role A", ["w1", "w2"], role="A", priority=10)
    make_layout("role B", ["w2", "w3"], role="B", priority=20)
    make_layout("everyone", ["w4", "w1"], priority=50)
    make_layout("role C", ["w5"], role="C", priority=10)


def test_several_roles_get_one_merged_layout_without_duplicates(widgets):
    user = make_user("ab", ["A", "B"])
    assert [item["widget"] for item in default_items(user)] == ["w1", "w2", "w3", "w4"]


def test_a_user_with_no_role_gets_the_layout_for_everyone(widgets):
    assert [item["widget"] for item in default_items(make_user("nobody"))] == ["w4", "w1"]


def test_department_layouts_apply_to_that_department_only(widgets):
    make_layout("dept", ["w5"], department="市人民政府办公室", priority=5)
    office = make_user("office", department="市人民政府办公室")
    elsewhere = make_user("elsewhere", department="市市场监督管理局")
    assert [i["widget"] for i in default_items(office)] == ["w5", "w4", "w1"]
    assert [i["widget"] for i in default_items(elsewhere)] == ["w4", "w1"]
    assert [i["widget"] for i in default_items(make_user("nowhere"))] == ["w4", "w1"]


def test_personal_layout_persists_and_resets(client, widgets):
    user = make_user("ab", ["A", "B"])
    client.force_login(user)
    assert client.get("/portal/api/layout/").json()["personal"] is False

    items = [{"widget": "w3", "width": 4, "height": 2}, {"widget": "w1", "width": 1, "height": 1}]
    saved = client.put("/portal/api/layout/", {"items": items}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["items"] == items

    fresh = Client()
    fresh.force_login(user)
    assert fresh.get("/portal/api/layout/").json() == {**saved.json(), "personal": True}
    home = fresh.get("/portal/api/home/").json()
    assert [(w["key"], w["width"], w["height"]) for w in home["widgets"]] == [("w3", 4, 2), ("w1", 1, 1)]
    assert home["personal_layout"] is True

    reset = fresh.delete("/portal/api/layout/")
    assert reset.json()["personal"] is False
    assert [i["widget"] for i in reset.json()["items"]] == ["w1", "w2", "w3", "w4"]


@pytest.mark.parametrize("body, field", [
    ({"items": "w1"}, "items"),
    ({"items": [{"widget": "w1", "width": 9}]}, "items[0].width"),
    ({"items": [{"widget": "w1", "height": 0}]}, "items[0].height"),
    ({"items": [{"widget": "w1"}, {"widget": "w1"}]}, "items[1].widget"),
    ({"items": [{"width": 1}]}, "items[0]"),
    ([], "items"),
])
def test_a_bad_layout_is_a_400_with_the_field(client, widgets, body, field):
    client.force_login(make_user("ab", ["A", "B"]))
    response = client.put("/portal/api/layout/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_malformed_json_is_a_400(client, widgets):
    client.force_login(make_user("ab", ["A"]))
    response = client.put("/portal/api/layout/", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["error"] == "bad_json"


def test_layout_changes_need_the_csrf_token(widgets):
    user = make_user("ab", ["A"])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    page = browser.get("/portal/")
    refused = browser.put("/portal/api/layout/", {"items": []}, content_type="application/json")
    assert refused.status_code == 403
    token = page.context["csrf_token"]
    accepted = browser.put("/portal/api/layout/", {"items": []}, content_type="application/json", HTTP_X_CSRFTOKEN=str(token))
    assert accepted.status_code == 200
