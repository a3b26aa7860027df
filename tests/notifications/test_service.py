"""notify() and notify_address(): who gets what on which channel, after commit, retried, recorded."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications import kinds, sms
from notifications.kinds import UnknownKind
from notifications.models import ChannelPreference, Delivery, Notification
from notifications.service import notify, notify_address
from notifications.tasks import attempt, send_due_deliveries
from tests.notifications.conftest import make_official

pytestmark = pytest.mark.django_db


class FlakySms(sms.BaseSmsBackend):
    failures = 0

    def send_message(self, phone, text):
        if FlakySms.failures > 0:
            FlakySms.failures -= 1
            raise sms.SmsError("gateway busy")
        sms.outbox.append({"phone": phone, "text": text})


class RefusingSms(sms.BaseSmsBackend):
    def send_message(self, phone, text):
        raise sms.PermanentSmsError("number does not exist")


def test_it_writes_one_message_per_person_from_users_and_groups(django_capture_on_commit_callbacks):
    leader = make_official("zhao", groups=["市场监管局-领导"])
    both = make_official("qian", groups=["市场监管局-领导"])
    make_official("sun", groups=["市场监管局-领导"], is_active=False)
    from django.contrib.auth.models import Group

    with django_capture_on_commit_callbacks(execute=True):
        written = notify([Group.objects.get(name="市场监管局-领导"), both, leader], kinds.SYSTEM, "系统维护通知")
    assert sorted(n.recipient.username for n in written) == ["qian", "zhao"]
    assert Notification.objects.count() == 2


def test_it_refuses_an_unknown_kind_before_writing_anything(official):
    with pytest.raises(UnknownKind):
        notify(official, "no_such_kind", "x")
    assert not Notification.objects.exists()


def test_every_channel_delivers_after_commit(official, memory_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(official, kinds.EFFICIENCY_RED, "事项已超时", link="/admin/pages/1/edit/", body="请尽快办理")
    # nothing leaves before the transaction commits
    assert mail.outbox == [] and memory_sms == []
    assert set(Delivery.objects.values_list("channel", "status")) == {("email", "pending"), ("sms", "pending")}
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["wang@example.test"]]
    assert "事项已超时" in mail.outbox[0].subject and "/admin/pages/1/edit/" in mail.outbox[0].body
    assert memory_sms[0]["phone"] == "13800000001" and "事项已超时" in memory_sms[0]["text"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert all(d.sent_at and d.attempts == 1 for d in Delivery.objects.all())


def test_nothing_is_sent_for_a_rolled_back_change(official, memory_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(official, kinds.EFFICIENCY_RED, "不会发出")
            raise RuntimeError("the producer's change failed")
    assert mail.outbox == [] and memory_sms == [] and not Notification.objects.exists()


def test_preferences_choose_channels_per_kind(official, memory_sms, django_capture_on_commit_callbacks):
    ChannelPreference.objects.create(user=official, kind=kinds.EFFICIENCY_RED, channels=["sms"])
    ChannelPreference.objects.create(user=official, kind=kinds.CONTENT_EXPIRING, channels=[])
    with django_capture_on_commit_callbacks(execute=True):
        notify(official, kinds.EFFICIENCY_RED, "红牌")
        notify(official, kinds.CONTENT_EXPIRING, "即将到期")
    assert mail.outbox == []
    assert [m["text"] for m in memory_sms] == [m["text"] for m in memory_sms if "红牌" in m["text"]] and len(memory_sms) == 1
    assert Notification.objects.filter(recipient=official).count() == 2  # in-platform is always on


def test_producer_channels_replace_the_kind_defaults(official, memory_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(official, kinds.SYSTEM, "系统消息", channels=["email"])
    assert len(mail.outbox) == 1 and memory_sms == []


def test_a_person_without_an_address_gets_the_in_platform_message_only(db, memory_sms, django_capture_on_commit_callbacks):
    nobody = make_official("zhou", email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(nobody, kinds.EFFICIENCY_RED, "红牌")
    assert Notification.objects.filter(recipient=nobody).count() == 1
    assert not Delivery.objects.exists() and mail.outbox == [] and memory_sms == []


def test_a_failing_gateway_is_retried_with_backoff_and_each_try_recorded(official, settings, memory_sms,
                                                                          django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_SMS_BACKEND = "tests.notifications.test_service.FlakySms"
    settings.NOTIFICATIONS_BACKOFF_BASE = 60
    FlakySms.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        notify(official, kinds.EFFICIENCY_RED, "红牌", channels=["sms"])
    delivery = Delivery.objects.get(channel="sms")
    assert delivery.status == "pending" and delivery.attempts == 1 and "gateway busy" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert send_due_deliveries() == 0  # not due yet
    Delivery.objects.update(next_attempt_at=timezone.now())
    assert send_due_deliveries() == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.status == "pending"
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=110)  # doubled
    Delivery.objects.update(next_attempt_at=timezone.now())
    send_due_deliveries()
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 3 and delivery.last_error == ""
    assert len(memory_sms) == 1


def test_it_gives_up_after_the_last_try(official, settings):
    settings.NOTIFICATIONS_SMS_BACKEND = "tests.notifications.test_service.FlakySms"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    FlakySms.failures = 10
    delivery = Delivery.objects.create(kind=kinds.SYSTEM, channel="sms", address="13800000001", subject="x")
    attempt(delivery)
    attempt(delivery)
    assert delivery.status == "failed" and delivery.attempts == 2


def test_a_permanent_refusal_is_not_retried(official, settings):
    settings.NOTIFICATIONS_SMS_BACKEND = "tests.notifications.test_service.RefusingSms"
    delivery = Delivery.objects.create(kind=kinds.SYSTEM, channel="sms", address="13800000001", subject="x")
    attempt(delivery)
    assert delivery.status == "failed" and delivery.attempts == 1 and "does not exist" in delivery.last_error


def test_citizens_are_reached_at_their_address_through_the_same_senders(db, memory_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_address("email", "citizen@example.test", "您的咨询已答复", "受理编号 20261202-0001")
        notify_address("sms", "13900000009", "您的咨询已答复", link="/consult/track/")
    assert mail.outbox[0].to == ["citizen@example.test"] and "20261202-0001" in mail.outbox[0].body
    assert memory_sms[0]["phone"] == "13900000009" and "/consult/track/" in memory_sms[0]["text"]
    assert Delivery.objects.filter(notification__isnull=True, status="sent").count() == 2
    assert not Notification.objects.exists()


@pytest.mark.parametrize("channel,address", [("email", "not-an-address"), ("sms", "12"), ("platform", "x"),
                                             ("sms", "1380000000<script>")])
def test_it_refuses_an_unusable_citizen_address(db, channel, address):
    with pytest.raises(ValueError):
        notify_address(channel, address, "x")
    assert not Delivery.objects.exists()


def test_once_says_a_thing_once_per_source(official, django_capture_on_commit_callbacks):
    source = make_official("source-object")
    with django_capture_on_commit_callbacks(execute=True):
        notify(official, kinds.SYSTEM, "a", source=source, once=True)
        notify(official, kinds.SYSTEM, "a", source=source, once=True)
    assert Notification.objects.filter(recipient=official).count() == 1
