"""Red and yellow cards: on time across holidays, to the right people, recorded, and a red card
that stays when the work is finished late."""
from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from cms.models import NoticePage
from notifications import kinds
from notifications.models import Notification
from oversight.clock import WORKING_DAYS, deadlines
from oversight.models import CardWarning, Level, MonitoredItem, TimeLimit
from oversight.monitor import check_cards, stop_clock
from tests.oversight.conftest import person
from workdays import CHINA

pytestmark = pytest.mark.django_db


def at(*args):
    return dt.datetime(*args, tzinfo=CHINA)


@pytest.fixture
def holiday_item(market, leaders):
    """A 3-working-day step opened on 30 September 2025, before the National Day holiday."""
    handlers = Group.objects.create(name="市场监督管理局-审核")
    handler = person("scj_handler", "市场监督管理局-审核")
    start = at(2025, 9, 30, 10, 0)
    warn, due = deadlines(start, 3, WORKING_DAYS, 0.8)
    item = MonitoredItem.objects.create(source="workflow", source_id="t1", department=market, title="某通知审核",
                                        step="科室审核", assignee_group=handlers, started_at=start, warn_at=warn, due_at=due)
    return item, handler


def messages(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def test_no_card_while_the_holiday_stops_the_clock(holiday_item):
    item, handler = holiday_item
    assert check_cards(now=at(2025, 10, 8, 23, 0)) == 0  # 8 calendar days later, only 14 working hours
    item.refresh_from_db()
    assert item.level == Level.GREEN and not Notification.objects.exists()


def test_yellow_at_eighty_percent_goes_to_the_assignees_only(holiday_item, leaders):
    item, handler = holiday_item
    assert check_cards(now=at(2025, 10, 10, 19, 35)) == 0
    assert check_cards(now=at(2025, 10, 10, 19, 37)) == 1
    item.refresh_from_db()
    assert item.level == Level.YELLOW and item.yellow_card
    assert messages(handler, kinds.EFFICIENCY_YELLOW).count() == 1
    assert not Notification.objects.filter(recipient__in=leaders.values()).exists()
    assert check_cards(now=at(2025, 10, 10, 20, 0)) == 0  # said once
    assert list(CardWarning.objects.values_list("level", "recipients")) == [("yellow", ["scj_handler"])]


def test_red_on_the_make_up_saturday_reaches_the_department_leaders_not_others(holiday_item, leaders):
    item, handler = holiday_item
    check_cards(now=at(2025, 10, 10, 20, 0))
    assert check_cards(now=at(2025, 10, 11, 9, 59)) == 0
    assert check_cards(now=at(2025, 10, 11, 10, 1)) == 1  # Saturday 11 October is a working day
    item.refresh_from_db()
    assert item.level == Level.RED and item.red_card
    assert messages(handler, kinds.EFFICIENCY_RED).count() == 1
    assert messages(leaders["market"], kinds.EFFICIENCY_RED).count() == 1
    assert not Notification.objects.filter(recipient=leaders["labour"]).exists()
    assert CardWarning.objects.filter(item=item, level="red").get().recipients == ["scj_handler", "scj_leader"]


def test_an_item_overdue_without_a_yellow_first_goes_straight_to_red(holiday_item):
    item, _handler = holiday_item
    assert check_cards(now=at(2025, 10, 20, 9, 0)) == 1
    item.refresh_from_db()
    assert item.level == Level.RED and not item.yellow_card


def test_a_late_finish_keeps_the_red_card(holiday_item):
    item, _handler = holiday_item
    check_cards(now=at(2025, 10, 13, 9, 0))
    stop_clock("workflow", "t1", at(2025, 10, 14, 9, 0))
    item.refresh_from_db()
    assert item.finished_at and item.level == Level.RED and item.red_card and item.on_time is False
    assert item.duration_seconds == int((at(2025, 10, 14, 9) - at(2025, 9, 30, 10)).total_seconds())
    assert check_cards(now=at(2025, 10, 20)) == 0  # finished items get no more cards


def test_finished_late_before_any_check_still_gets_the_red_card(holiday_item):
    item, _handler = holiday_item
    stop_clock("workflow", "t1", at(2025, 10, 11, 10, 30))
    item.refresh_from_db()
    assert item.red_card and item.on_time is False


def test_finished_in_time_stays_green(holiday_item):
    item, _handler = holiday_item
    stop_clock("workflow", "t1", at(2025, 10, 9, 12, 0))
    item.refresh_from_db()
    assert item.level == Level.GREEN and item.on_time is True and not item.red_card


def test_a_workflow_step_gets_its_clock_from_the_most_specific_time_limit(team, market, make_page, leaders):
    from django.contrib.contenttypes.models import ContentType

    TimeLimit.objects.create(amount=5, unit=WORKING_DAYS)
    TimeLimit.objects.create(department=market, content_type=ContentType.objects.get_for_model(NoticePage),
                             amount=10, unit="hours", warn_percent=50)
    page = make_page(NoticePage, market, live=False, title="待审通知")
    Workflow.objects.get(name="市场监督管理局发布审批").start(page, team["editor"])
    item = MonitoredItem.objects.get(source="workflow")
    assert item.department == market and item.category == "notice" and item.step == "市场监督管理局科室审核"
    assert item.due_at - item.started_at == dt.timedelta(hours=10)
    assert item.warn_at - item.started_at == dt.timedelta(hours=5)
    # approving the step stops its clock (and opens the next step's)
    task_state = page.current_workflow_task_state
    task_state.approve(user=team["reviewer"])
    item.refresh_from_db()
    assert item.finished_at is not None and item.on_time is True
    assert MonitoredItem.objects.filter(source="workflow", finished_at__isnull=True).get().step == "市场监督管理局办公室签发"
