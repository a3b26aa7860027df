"""GET /portal/api/home/ as in shared/contracts §4, and the HTML shell with its fragments."""
import re

import pytest

from tests.portal.conftest import make_layout, make_widget

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_widgets(demo):
    make_widget("todo", title="待我审批", config={
        "url": "{backend}/api/todos", "items_path": "items", "fields": {"title": "subject", "url": "link", "meta": "applicant"},
        "root": {"count": "total", "link": "home"}})
    make_widget("stats", type="stat", backend="complaints", config={
        "url": "{backend}/api/stats", "items_path": "daily", "fields": {"label": "day", "value": "count"},
        "root": {"value": "total", "label": "title"}}, settings={"unit": "件"})
    make_widget("feed", type="notices", connector="feed", config={"url": "{backend}/feed.xml", "max_items": 3})
    make_widget("meetings", type="calendar", backend="meetings", config={
        "url": "{backend}/api/meetings", "items_path": "meetings", "fields": {"title": "topic", "start": "start", "location": "room"}})
    make_widget("messages", type="messages", config={
        "url": "{backend}/api/messages", "items_path": "messages", "fields": {"title": "title", "sender": "from", "read": "read"},
        "root": {"unread": "unread"}})
    make_layout("all", ["todo", "stats", "feed", "meetings", "messages"])


def test_home_json_has_every_widget_with_status_data_and_fetched_at(client, official, home_widgets):
    client.force_login(official)
    response = client.get("/portal/api/home/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["user"]["username"] == "approver" and body["user"]["roles"] == ["审批人员"]
    widgets = {w["key"]: w for w in body["widgets"]}
    assert list(widgets) == ["todo", "stats", "feed", "meetings", "messages"]
    for widget in widgets.values():
        assert widget["status"] == "ok"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", widget["fetched_at"])
        assert widget["urls"]["html"] == f"/portal/widgets/{widget['key']}/"
    todo = widgets["todo"]["data"]
    assert todo["count"] >= len(todo["items"]) >= 3 and todo["link"].endswith("/oa/")
    assert set(todo["items"][0]) == {"title", "url", "meta"}
    stats = widgets["stats"]["data"]
    assert len(stats["series"]) == 7 and stats["value"] == sum(p["value"] for p in stats["series"])
    assert len(widgets["feed"]["data"]["items"]) == 3 and widgets["feed"]["data"]["items"][0]["title"].startswith("机关通知")
    assert widgets["messages"]["data"]["unread"] == sum(not m["read"] for m in widgets["messages"]["data"]["items"])


def test_the_page_is_a_shell_that_does_not_wait_for_back_ends(client, official, home_widgets):
    client.force_login(official)
    html = client.get("/portal/").content.decode()
    assert re.findall(r'data-key="([^"]+)"', html) == ["todo", "stats", "feed", "meetings", "messages", "__key__"]
    assert 'data-src="/portal/widgets/todo/"' in html
    assert "portal/portal.js" in html and "加载中" in html
    assert "机关通知" not in html  # back-end data arrives through the fragments


def test_fragments_render_each_type(client, official, home_widgets):
    client.force_login(official)
    todo = client.get("/portal/widgets/todo/")
    assert todo["X-Widget-Status"] == "ok" and "项待办" in todo.content.decode()
    stats = client.get("/portal/widgets/stats/").content.decode()
    assert "<svg" in stats and stats.count("<rect") == 7 and "件" in stats
    assert "机关通知" in client.get("/portal/widgets/feed/").content.decode()
    assert "条未读" in client.get("/portal/widgets/messages/").content.decode()
    assert "<time" in client.get("/portal/widgets/meetings/").content.decode()


def test_the_api_refuses_other_methods(client, official, home_widgets):
    client.force_login(official)
    assert client.post("/portal/api/home/").status_code == 405
