"""The portal's ``messages`` widget shows the platform's own messages, alone or with a back end's."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from notifications import kinds
from notifications.service import notify
from portal.models import WidgetDefinition

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_a_platform_only_messages_widget_lists_my_unread_messages(client, official, colleague):
    group = Group.objects.create(name="办公室人员")
    official.groups.add(group)
    definition = WidgetDefinition.objects.create(key="my-messages", title="消息中心", widget_type="messages",
                                                 connector="platform_messages", connector_config={}, settings={})
    definition.roles.add(group)
    notify(official, kinds.EFFICIENCY_YELLOW, "黄牌：审核即将超时")
    notify(colleague, kinds.SYSTEM, "不是我的")
    client.force_login(official)
    data = client.get("/portal/api/widgets/my-messages/").json()
    assert data["status"] == "ok", data
    assert data["data"]["unread"] == 1
    assert [item["title"] for item in data["data"]["items"]] == ["黄牌：审核即将超时"]
    assert data["data"]["link"] == "/portal/messages/"
    # fresh on every request (not cached with the connector's data)
    notify(official, kinds.SYSTEM, "第二条")
    assert client.get("/portal/api/widgets/my-messages/").json()["data"]["unread"] == 2
