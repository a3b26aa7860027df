"""The board against hand-counted fixtures, who may see what, and the drill-down."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight.board import build_board
from oversight.models import Level, MonitoredItem
from tests.oversight.conftest import person

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
HOUR = 3600


@pytest.fixture
def items(market, labour):
    """市场监管局: 5 finished in the period (durations 1,2,3,4,10 h; the 10 h one late and red, the
    4 h one had a yellow), 1 finished before the period, 2 open (one yellow, one red).
    人社局: 1 finished on time (6 h), 1 open green."""
    now = timezone.now()
    made = []

    def item(department, hours=None, *, late=False, yellow=False, level=Level.GREEN, ago_days=2):
        started = now - dt.timedelta(days=ago_days, hours=hours or 0)
        fields = dict(source="workflow", source_id=str(len(made)), department=department, title=f"事项{len(made)}",
                      started_at=started, due_at=started + dt.timedelta(hours=8), level=level,
                      yellow_card=yellow or level == Level.YELLOW, red_card=late or level == Level.RED)
        if hours is not None:
            fields.update(finished_at=started + dt.timedelta(hours=hours), duration_seconds=hours * HOUR,
                          on_time=not late)
        made.append(MonitoredItem.objects.create(**fields))

    for hours in (1, 2, 3):
        item(market, hours)
    item(market, 4, yellow=True)
    item(market, 10, late=True, level=Level.RED)
    item(market, 1, ago_days=90)  # finished before the period
    item(market, level=Level.YELLOW)
    item(market, level=Level.RED)
    item(labour, 6)
    item(labour)
    return made


def period():
    end = timezone.now() + dt.timedelta(hours=1)
    return end - dt.timedelta(days=30), end


def test_figures_per_department_match_the_hand_count(items, market, labour):
    board = build_board("workflow", *period(), names={market.pk: "市场", labour.pk: "人社"})
    rows = {row.name: row for row in board.rows}
    scj = rows["市场"]
    assert (scj.in_progress, scj.yellow_now, scj.red_now) == (2, 1, 1)
    assert (scj.finished, scj.on_time, scj.on_time_percent) == (5, 4, 80.0)
    assert scj.avg_seconds == pytest.approx(4 * HOUR)  # (1+2+3+4+10)/5
    assert scj.p90_seconds == 10 * HOUR  # nearest rank: ceil(0.9·5) = 5th of 5
    assert (scj.yellow_cards, scj.red_cards) == (1, 1)
    rsj = rows["人社"]
    assert (rsj.in_progress, rsj.finished, rsj.on_time_percent, rsj.p90_seconds) == (1, 1, 100.0, 6 * HOUR)
    total = board.total
    assert (total.in_progress, total.finished, total.on_time) == (3, 6, 5)
    assert total.avg_seconds == pytest.approx(26 / 6 * HOUR)  # weighted: (4 h · 5 + 6 h · 1) / 6
    # departments whose leaders ask see only their own
    only = build_board("workflow", *period(), departments=[labour.pk])
    assert [row.department_id for row in only.rows] == [labour.pk]


def test_p90_uses_the_nearest_rank(market):
    now = timezone.now()
    for n in range(1, 21):  # 1..20 hours
        MonitoredItem.objects.create(source="workflow", source_id=f"p{n}", department=market, title="x",
                                     started_at=now - dt.timedelta(days=1), finished_at=now - dt.timedelta(hours=1),
                                     duration_seconds=n * HOUR, on_time=True)
    row = build_board("workflow", *period()).rows[0]
    assert row.p90_seconds == 18 * HOUR and row.finished == 20


def test_leaders_see_their_department_and_inspectors_see_all(client, items, leaders, market, labour):
    client.force_login(leaders["labour"])
    page = client.get(reverse("oversight:board")).content.decode()
    assert "明川市人力资源和社会保障局" in page and "明川市市场监督管理局" not in page
    assert client.get(reverse("oversight:drill", args=["workflow", market.pk])).status_code == 403
    client.force_login(person("jc", "监察"))
    page = client.get(reverse("oversight:board")).content.decode()
    assert "明川市人力资源和社会保障局" in page and "明川市市场监督管理局" in page
    client.force_login(person("clerk"))
    assert client.get(reverse("oversight:board")).status_code == 403
    client.logout()
    assert client.get(reverse("oversight:board")).status_code == 302


def test_the_drill_down_lists_the_items_behind_a_figure(client, items, leaders, market):
    client.force_login(leaders["market"])
    red = client.get(reverse("oversight:drill", args=["workflow", market.pk]), {"state": "red"}).content.decode()
    assert "事项7" in red and "事项6" not in red
    late = client.get(reverse("oversight:drill", args=["workflow", market.pk]), {"state": "late"}).content.decode()
    assert "事项4" in late and "超时办结" in late and "事项0" not in late


@pytest.mark.parametrize("query", [{"since": "2026-02-30"}, {"since": "2026-03-01", "until": "2026-02-01"},
                                   {"since": "2000-01-01", "until": "2026-01-01"}, {"department": "abc"}])
def test_bad_filters_get_a_400_with_a_reason(client, leaders, query):
    client.force_login(leaders["market"])
    response = client.get(reverse("oversight:board"), query)
    assert response.status_code == 400


def test_unknown_drill_state_or_source(client, leaders, market):
    client.force_login(leaders["market"])
    assert client.get(reverse("oversight:drill", args=["workflow", market.pk]), {"state": "x"}).status_code == 400
    assert client.get(reverse("oversight:drill", args=["nothing", market.pk])).status_code == 404
