"""The portal connectors: "my items to handle" and "my department's overdue items", through the
portal's connector registry, shaped for the built-in ``todo`` widget."""
import datetime as dt

import pytest
from django.utils import timezone

from interaction.models import Interaction
from portal.registry import FetchContext, connectors, widget_types

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def ctx(user):
    return FetchContext(user_id=user.pk, username=user.username, display_name="", department="", roles=())


def test_my_items_and_my_departments_overdue_items(make_item, market_handler, labour_handler, labour):
    mine, _ = make_item(subject="分派给我的事项")
    Interaction.objects.filter(pk=mine.pk).update(assignee=market_handler, status="assigned")
    late, _ = make_item(subject="已经超期的事项")
    Interaction.objects.filter(pk=late.pk).update(deadline=timezone.now() - dt.timedelta(days=2))
    other, _ = make_item(department=labour, subject="别的部门超期")
    Interaction.objects.filter(pk=other.pk).update(deadline=timezone.now() - dt.timedelta(days=2))

    raw = connectors.get("interaction_mine").fetch({"limit": 5}, ctx(market_handler), 1.0)
    assert raw["count"] == 1 and "分派给我的事项" in raw["items"][0]["title"]
    overdue = connectors.get("interaction_overdue").fetch({}, ctx(market_handler), 1.0)
    assert [i["title"] for i in overdue["items"]] == ["[咨询] 已经超期的事项"]
    assert overdue["items"][0]["deadline_state"] == "overdue"
    data = widget_types.get("todo").normalize(overdue, {"max_items": 5})
    assert data["count"] == 1 and data["items"][0]["url"] == f"/admin/interaction/{late.pk}/"
    assert "已超期" in data["items"][0]["meta"]
    assert connectors.get("interaction_overdue").fetch({}, ctx(labour_handler), 1.0)["count"] == 1
