"""Webhooks through the outbox against a real HTTP receiver on a free port: signed events on
publish/unpublish/delete, retries with backoff while the receiver is down, nothing lost, a log per
delivery, manual redelivery, nothing sent for rolled-back or private changes."""
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.delivery import signing
from cms.delivery.models import ContentEvent, WebhookDelivery, WebhookSubscriber
from tests.fixtures.content import publish
from tests.delivery.receiver import Receiver
from tests.services.base import free_port

pytestmark = pytest.mark.django_db


def make_due():
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_a_publish_sends_a_signed_event(site_root, receiver, django_capture_on_commit_callbacks):
    WebhookSubscriber.objects.create(name="聚合平台", url=receiver.url + "/hook", secret="s3cret")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(site_root, Page(title="新页面", slug="new-page"))
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request.method == "POST" and request.path == "/hook"
    signing.verify("s3cret", request.body, request.headers[signing.SIGNATURE_HEADER])
    with pytest.raises(signing.SignatureError):
        signing.verify("wrong", request.body, request.headers[signing.SIGNATURE_HEADER])
    event = json.loads(request.body)
    assert event["event"] == "published"
    assert event["content"]["id"] == page.pk and event["content"]["title"] == "新页面"
    assert event["content"]["api_url"].endswith(f"/api/v1/pages/{page.pk}/")
    assert request.headers[signing.EVENT_ID_HEADER] == event["id"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 1
    assert delivery.log.get().status_code == 200


def test_signatures_reject_tampering_and_replays():
    body = b'{"event":"published"}'
    header = signing.sign("k", body, timestamp=1_000_000)
    assert signing.verify("k", body, header, now=1_000_100) == 1_000_000
    with pytest.raises(signing.SignatureError):
        signing.verify("k", body + b" ", header, now=1_000_100)
    with pytest.raises(signing.SignatureError, match="tolerance"):
        signing.verify("k", body, header, now=1_000_000 + 301)
    forged_time = header.replace("t=1000000", "t=1000290")
    with pytest.raises(signing.SignatureError):
        signing.verify("k", body, forged_time, now=1_000_300)
    with pytest.raises(signing.SignatureError, match="malformed"):
        signing.verify("k", body, "garbage")


def test_a_subscriber_that_is_down_gets_the_event_once_it_is_up(site_root, settings, django_capture_on_commit_callbacks):
    settings.DELIVERY_WEBHOOK_BACKOFF_BASE = 30
    port = free_port()  # nothing listens here yet: the subscriber is down
    WebhookSubscriber.objects.create(name="部门网站", url=f"http://127.0.0.1:{port}/events", secret="k")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(site_root, Page(title="办事大厅搬迁", slug="moved"))

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.last_error and delivery.last_status_code is None
    first_delay = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 25 < first_delay <= 30

    call_command("deliver_webhooks")  # not due yet: nothing is tried
    assert WebhookDelivery.objects.get().attempts == 1

    make_due()
    call_command("deliver_webhooks")  # due, still down: second try, longer wait
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.status == "pending"
    assert 55 < (delivery.next_attempt_at - timezone.now()).total_seconds() <= 60

    receiver = Receiver(port).start()
    try:
        make_due()
        call_command("deliver_webhooks")
    finally:
        receiver.stop()
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 3
    assert [a.status_code for a in delivery.log.order_by("attempted_at")] == [None, None, 200]
    assert len(receiver.requests) == 1
    assert json.loads(receiver.requests[0].body)["content"]["id"] == page.pk


def test_it_gives_up_after_the_last_attempt_and_can_be_redelivered(site_root, settings, admin_client,
                                                                   django_capture_on_commit_callbacks):
    settings.DELIVERY_WEBHOOK_MAX_ATTEMPTS = 2
    port = free_port()
    WebhookSubscriber.objects.create(name="x", url=f"http://127.0.0.1:{port}/", secret="k")
    with django_capture_on_commit_callbacks(execute=True):
        publish(site_root, Page(title="页", slug="p"))
    make_due()
    call_command("deliver_webhooks")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 2
    make_due()
    call_command("deliver_webhooks")
    assert WebhookDelivery.objects.get().attempts == 2  # failed ones are left for a human

    receiver = Receiver(port).start()
    try:
        response = admin_client.post(f"/admin/delivery/deliveries/{delivery.pk}/redeliver/")
    finally:
        receiver.stop()
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.log.filter(manual=True, status_code=200).count() == 1
    assert len(receiver.requests) == 1
    log_page = admin_client.get(f"/admin/delivery_events/inspect/{delivery.event_id}/")
    assert log_page.status_code == 200
    assert "重新发送" in log_page.content.decode()


def test_unpublish_and_delete_each_send_their_event(site_root, receiver, django_capture_on_commit_callbacks):
    WebhookSubscriber.objects.create(name="all", url=receiver.url, secret="k")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(site_root, Page(title="将撤回", slug="gone"))
        page.unpublish()
        page.save_revision().publish()
        Page.objects.get(pk=page.pk).delete()
    events = [json.loads(r.body)["event"] for r in receiver.requests]
    assert events == ["published", "unpublished", "published", "deleted"]


def test_subscribers_only_get_the_events_and_types_they_asked_for(site_root, receiver,
                                                                 django_capture_on_commit_callbacks):
    WebhookSubscriber.objects.create(name="deletes", url=receiver.url + "/d", secret="k", events=["deleted"])
    WebhookSubscriber.objects.create(name="notices", url=receiver.url + "/n", secret="k", content_types=["notice"])
    WebhookSubscriber.objects.create(name="off", url=receiver.url + "/o", secret="k", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(site_root, Page(title="页", slug="p"))
        Page.objects.get(pk=page.pk).delete()
    assert [r.path for r in receiver.requests] == ["/d"]


def test_nothing_is_sent_for_a_rolled_back_publish(site_root, receiver, django_capture_on_commit_callbacks):
    WebhookSubscriber.objects.create(name="all", url=receiver.url, secret="k")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            publish(site_root, Page(title="回滚", slug="rolled-back"))
            raise RuntimeError("editor's request failed")
    assert ContentEvent.objects.count() == 0
    assert receiver.requests == []


def test_private_pages_are_never_announced(site_root, receiver, django_capture_on_commit_callbacks):
    WebhookSubscriber.objects.create(name="all", url=receiver.url, secret="k")
    section = publish(site_root, Page(title="内部栏目", slug="internal"))
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        secret = publish(section, Page(title="内部通知", slug="internal-notice"))
        secret.unpublish()
    assert receiver.requests == []
    assert not ContentEvent.objects.filter(title="内部通知").exists()


def test_drafts_are_never_announced(site_root, receiver, django_capture_on_commit_callbacks):
    WebhookSubscriber.objects.create(name="all", url=receiver.url, secret="k")
    with django_capture_on_commit_callbacks(execute=True):
        draft = site_root.add_child(instance=Page(title="草稿", slug="draft", live=False))
        draft.save_revision()
        draft.delete()
    assert receiver.requests == []


def test_the_cms_expiry_signal_sends_an_expired_event(content, receiver, django_capture_on_commit_callbacks):
    from cms.signals import content_expired

    WebhookSubscriber.objects.create(name="all", url=receiver.url, secret="k", events=["expired"])
    with django_capture_on_commit_callbacks(execute=True):
        content_expired.send(sender=type(content.notice), page=content.notice)
    event = json.loads(receiver.requests[0].body)
    assert event["event"] == "expired"
    assert event["content"] | {"type": "notice", "id": content.notice.pk} == event["content"]
    assert event["content"]["api_url"].endswith(f"/api/v1/content/{content.notice.pk}/")
