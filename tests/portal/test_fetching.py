"""Fetching is concurrent, bounded per widget, and a slow back end never holds up the others."""
import time

import pytest

from tests.portal.conftest import make_layout, make_widget

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_it_fetches_twelve_slow_widgets_in_about_the_time_of_one(client, official, demo):
    keys = [f"slow-{i}" for i in range(12)]
    for key in keys:
        make_widget(key, url="{backend}/api/todos?delay_ms=200", timeout=5)
    make_layout("all", keys)
    client.force_login(official)

    started = time.monotonic()
    body = client.get("/portal/api/home/").json()
    elapsed = time.monotonic() - started

    assert [w["status"] for w in body["widgets"]] == ["ok"] * 12
    # One after another this takes at least 12 x 0.2 s = 2.4 s.
    assert elapsed < 1.2, f"12 widgets of 200 ms took {elapsed:.2f}s"


def test_it_marks_a_widget_that_does_not_answer_in_time_and_serves_the_rest(client, official, demo):
    make_widget("hangs", url="{backend}/api/todos?hang=1", timeout=0.5)
    make_widget("quick", url="{backend}/api/todos")
    make_layout("two", ["hangs", "quick"])
    client.force_login(official)

    started = time.monotonic()
    widgets = {w["key"]: w for w in client.get("/portal/api/home/").json()["widgets"]}
    elapsed = time.monotonic() - started

    assert widgets["hangs"]["status"] == "timeout"
    assert widgets["hangs"]["data"] is None and widgets["hangs"]["fetched_at"] is None
    assert widgets["hangs"]["message"] == "系统响应超时，请稍后刷新。"
    assert widgets["quick"]["status"] == "ok" and widgets["quick"]["data"]["items"]
    assert elapsed < 0.5 + 0.5, f"the home took {elapsed:.2f}s with a 0.5 s widget timeout"


def test_it_serves_fresh_data_from_the_per_user_cache_without_calling_the_back_end(client, official, demo, settings):
    make_widget("cached", url="{backend}/api/todos?delay_ms=400", cache_ttl=60)
    make_layout("one", ["cached"])
    client.force_login(official)
    first = client.get("/portal/api/widgets/cached/").json()

    started = time.monotonic()
    second = client.get("/portal/api/widgets/cached/").json()

    assert time.monotonic() - started < 0.3
    assert second["status"] == "ok" and second["cached"] is True
    assert second["fetched_at"] == first["fetched_at"] and second["data"] == first["data"]


def test_the_cache_is_per_user(client, official, demo):
    from tests.portal.conftest import make_user

    other = make_user("other-approver", ["审批人员"])
    make_widget("todo", cache_ttl=60)
    make_layout("one", ["todo"])
    client.force_login(official)
    mine = client.get("/portal/api/widgets/todo/").json()["data"]
    client.force_login(other)
    theirs = client.get("/portal/api/widgets/todo/").json()
    assert theirs.get("cached") is None  # fetched for this user, not served from the first user's entry
    assert theirs["data"] != mine  # the demo OA system has per-user data


def test_stale_while_revalidate_answers_at_once_and_refreshes_in_the_background(client, official, demo, settings):
    settings.PORTAL_SWR_SECONDS = 300
    make_widget("swr", url="{backend}/api/todos?delay_ms=300", cache_ttl=0)
    make_layout("one", ["swr"])
    client.force_login(official)
    first = client.get("/portal/api/widgets/swr/").json()
    time.sleep(1.1)  # fetched_at has one-second resolution

    started = time.monotonic()
    second = client.get("/portal/api/widgets/swr/").json()
    assert time.monotonic() - started < 0.25
    assert second["status"] == "ok" and second["revalidating"] is True
    assert second["fetched_at"] == first["fetched_at"]

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(0.2)
        third = client.get("/portal/api/widgets/swr/").json()
        if third["fetched_at"] != first["fetched_at"]:
            break
    assert third["fetched_at"] > first["fetched_at"], "the background refresh never stored new data"


def test_cached_data_is_not_reused_after_the_users_roles_change(client, official, demo):
    from django.contrib.auth.models import Group

    make_widget("todo", cache_ttl=600)
    make_layout("one", ["todo"])
    client.force_login(official)
    client.get("/portal/api/widgets/todo/")
    assert client.get("/portal/api/widgets/todo/").json()["cached"] is True
    official.groups.add(Group.objects.create(name="局领导"))
    assert "cached" not in client.get("/portal/api/widgets/todo/").json()
