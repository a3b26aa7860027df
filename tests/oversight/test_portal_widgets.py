"""The 局领导 portal widgets read the same queries as the board and the statistics page, limited
to what the user may see."""
from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from oversight.models import Level, MonitoredItem
from portal.models import WidgetDefinition
from tests.oversight.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def widgets(db):
    leaders_role = Group.objects.get_or_create(name="局领导")[0]
    for key, wtype, connector, config in (
            ("alerts", "todo", "oversight_alerts", {}),
            ("ontime", "stat", "oversight_report", {"report": "workflow_efficiency", "days": 30})):
        definition = WidgetDefinition.objects.create(key=key, title=key, widget_type=wtype, connector=connector,
                                                     connector_config=config, settings={})
        definition.roles.add(leaders_role)
    return leaders_role


def test_alerts_list_only_the_leaders_departments(client, widgets, leaders, market, labour):
    now = timezone.now()
    for n, (department, level) in enumerate([(market, Level.RED), (market, Level.YELLOW), (labour, Level.RED),
                                             (market, Level.GREEN)]):
        MonitoredItem.objects.create(source="workflow", source_id=str(n), department=department, title=f"事项{n}",
                                     started_at=now - dt.timedelta(days=5), due_at=now + dt.timedelta(days=n - 1),
                                     level=level)
    leaders["market"].groups.add(widgets)
    client.force_login(leaders["market"])
    data = client.get("/portal/api/widgets/alerts/").json()
    assert data["status"] == "ok" and data["data"]["count"] == 2
    assert [item["title"] for item in data["data"]["items"]] == ["【红牌】事项0", "【黄牌】事项1"]


def test_the_on_time_figure_is_the_boards(client, widgets, leaders, market):
    now = timezone.now()
    for n, on_time in enumerate([True, True, True, False]):
        MonitoredItem.objects.create(source="workflow", source_id=str(n), department=market, title="x",
                                     started_at=now - dt.timedelta(days=2), finished_at=now - dt.timedelta(days=1),
                                     duration_seconds=86400, on_time=on_time, due_at=now)
    leaders["market"].groups.add(widgets)
    client.force_login(leaders["market"])
    data = client.get("/portal/api/widgets/ontime/").json()["data"]
    assert data["value"] == 75.0 and data["series"] == [{"label": "明川市市场监督管理局", "value": 75.0}]


def test_a_role_holder_who_leads_nothing_gets_an_error_card_not_figures(client, widgets):
    clerk = person("someone", "局领导")
    client.force_login(clerk)
    data = client.get("/portal/api/widgets/alerts/").json()
    assert data["status"] == "error" and data["data"] is None
