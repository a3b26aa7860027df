"""Citizens' items (the interaction app) on the board, carded like workflow steps, and in the
service statistics — against hand counts."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from notifications import kinds
from notifications.models import Notification
from oversight.models import Level, MonitoredItem
from oversight.monitor import check_cards
from oversight.sources import InteractionSource, get_source
from oversight.stats import Filters, get_report

pytestmark = pytest.mark.django_db

CITIZEN = {"kind": "consultation", "subject": "个体工商户注册需要什么材料", "content": "请问需要准备哪些材料？可以网上办理吗？",
           "name": "张三", "phone": "13812345678", "email": "zhangsan@example.com", "publish_consent": True,
           "privacy_consent": True}


@pytest.fixture
def submitted(market, labour, settings, tmp_path):
    from interaction.models import Interaction
    from interaction.submission import submit

    settings.INTERACTION_PRIVATE_ROOT = tmp_path / "private"
    cache.delete(InteractionSource.watermark_key)
    items = [submit({**CITIZEN, "department": department}).item for department in (market, market, market, labour)]
    now = timezone.now()
    # one market item answered in time and rated satisfied, one answered late, one still open
    Interaction.objects.filter(pk=items[0].pk).update(status="answered", answered_at=now, satisfaction="satisfied")
    Interaction.objects.filter(pk=items[1].pk).update(status="answered", answered_at=items[1].deadline + dt.timedelta(hours=1),
                                                      satisfaction="unsatisfied")
    yield [Interaction.objects.get(pk=item.pk) for item in items]
    cache.delete(InteractionSource.watermark_key)


def test_sync_copies_items_with_their_deadlines(submitted, market):
    assert get_source("interaction").sync(timezone.now()) == 4
    rows = {row.source_id: row for row in MonitoredItem.objects.filter(source="interaction")}
    first, late, open_item = (rows[str(item.pk)] for item in submitted[:3])
    assert first.on_time is True and first.finished_at is not None
    assert late.on_time is False and late.red_card
    assert open_item.finished_at is None and open_item.due_at == submitted[2].deadline
    assert open_item.started_at < open_item.warn_at < open_item.due_at
    assert open_item.department == market and submitted[2].tracking_number in open_item.title


def test_an_overdue_citizen_item_gets_a_red_card_for_its_department_only(submitted, leaders):
    get_source("interaction").sync(timezone.now())
    open_item = MonitoredItem.objects.get(source="interaction", source_id=str(submitted[2].pk))
    assert check_cards(now=open_item.due_at + dt.timedelta(minutes=1)) == 2  # the market and labour items
    open_item.refresh_from_db()
    assert open_item.level == Level.RED
    market_alerts = Notification.objects.filter(recipient=leaders["market"], kind=kinds.EFFICIENCY_RED)
    assert [n.title for n in market_alerts] == [f"红牌：{open_item.title} 已超过办理时限（{timezone.localtime(open_item.due_at):%Y-%m-%d %H:%M}）"]
    assert Notification.objects.filter(recipient=leaders["labour"], kind=kinds.EFFICIENCY_RED).count() == 1


def test_service_figures_match_the_hand_count(submitted, market, labour):
    now = timezone.now()
    report = get_report("interaction_service").build(Filters(now - dt.timedelta(days=1), now + dt.timedelta(days=1)))
    rows = {row[0]: row[1:] for row in report.rows}
    # received, answered, on-time answer %, rated, satisfied %
    assert rows["明川市市场监督管理局"] == [3, 2, 50.0, 2, 50.0]
    assert rows["明川市人力资源和社会保障局"] == [1, 0, None, 0, None]
