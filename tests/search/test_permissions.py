"""Internal items never leak to people outside their groups: not in results, totals, facets or
suggestions (both engines)."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("预算", "内部", "财政", "学习", "密码")


def everything(client):
    texts = []
    for q in ("营业执照", "预算", "内部预算", "", "学习", "密码保护"):
        texts.append(json.dumps(client.get("/api/search/", {"q": q}).json(), ensure_ascii=False))
        texts.append(json.dumps(client.get("/api/search/", {"q": q, "department": "市财政局"}).json(), ensure_ascii=False))
    for prefix in ("财政", "内部", "全体", "密码"):
        texts.append(json.dumps(client.get("/api/search/suggest/", {"q": prefix}).json(), ensure_ascii=False))
    return "\n".join(texts)


def test_anonymous_users_see_public_items_only(client, indexed):
    seen = everything(client)
    for word in ("财政内部预算编制口径", "市财政局", "内部机密", "全体干部学习安排", "密码保护的通知"):
        assert word not in seen
    assert client.get("/api/search/", {"q": "内部预算"}).json()["total"] == 0


def test_logged_in_users_outside_the_group_do_not_see_group_items(client, indexed, outsider):
    client.force_login(outsider)
    seen = everything(client)
    assert "财政内部预算编制口径" not in seen and "市财政局" not in seen and "内部机密" not in seen
    assert "全体干部学习安排" in seen  # login-only items are for every logged-in user
    assert "密码保护的通知" not in seen


def test_group_members_see_their_items_with_counts_and_facets(client, indexed, officer):
    anonymous = client.get("/api/search/", {"q": "营业执照"}).json()
    client.force_login(officer)
    body = client.get("/api/search/", {"q": "营业执照"}).json()
    assert "t-8" in [i["slug"] for i in body["results"]]
    assert body["total"] == anonymous["total"] + 1
    assert {"value": "市财政局", "count": 1} in body["facets"]["department"]
    assert "财政内部预算编制口径" in client.get("/api/search/suggest/", {"q": "财政"}).json()["suggestions"]
    assert "密码保护的通知" not in everything(client)
