"""The platform's own producers: workflow steps assigned to me, my content about to expire,
webhook subscribers that stopped receiving."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from cms.models import NoticePage
from notifications import kinds
from notifications.models import Notification
from notifications.producers import notify_expiring_content

pytestmark = pytest.mark.django_db


def test_a_submitted_page_reaches_the_reviewers_of_its_step(team, market, make_page, django_capture_on_commit_callbacks):
    page = make_page(NoticePage, market, live=False, title="关于开展食品安全检查的通知")
    page.owner = team["editor"]
    page.save()
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name="市场监督管理局发布审批")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.start(page, team["editor"])
    reviewer_messages = Notification.objects.filter(recipient=team["reviewer"], kind=kinds.WORKFLOW_TASK)
    assert reviewer_messages.count() == 1
    assert "关于开展食品安全检查的通知" in reviewer_messages[0].title
    assert reviewer_messages[0].link == f"/admin/pages/{page.pk}/edit/"
    assert not Notification.objects.filter(recipient=team["editor"]).exists()
    assert not Notification.objects.filter(recipient=team["publisher"]).exists()  # not their step yet


def test_owners_hear_once_about_content_expiring_soon(team, market, make_page, settings):
    settings.NOTIFICATIONS_EXPIRY_WARNING_DAYS = 7
    now = timezone.now()
    soon = make_page(NoticePage, market, title="即将到期的通知", expires_at=now + timedelta(days=3))
    later = make_page(NoticePage, market, title="还早的通知", expires_at=now + timedelta(days=30))
    for page in (soon, later):
        page.owner = team["editor"]
        page.save()
    assert notify_expiring_content(now) == 1
    assert notify_expiring_content(now) == 0  # said once
    titles = list(Notification.objects.filter(recipient=team["editor"]).values_list("title", flat=True))
    assert len(titles) == 1 and "即将到期的通知" in titles[0]


def test_administrators_hear_when_a_subscriber_gives_up(db):
    from cms.delivery.models import ContentEvent, WebhookDelivery, WebhookSubscriber

    admin = User.objects.create_superuser("root", "root@example.test", "pw")
    editor = User.objects.create_user("ed", "ed@example.test", "pw")
    subscriber = WebhookSubscriber.objects.create(name="市政务App", url="https://app.example/hook")
    event = ContentEvent.objects.create(event="published", page_id=1, content_type="notice", title="某通知", payload={})
    delivery = WebhookDelivery.objects.create(event=event, subscriber=subscriber)
    delivery.status, delivery.last_error = "failed", "HTTP 500"
    delivery.save()
    delivery.save()
    messages = Notification.objects.filter(kind=kinds.WEBHOOK_FAILED)
    assert [m.recipient for m in messages] == [admin] and "市政务App" in messages[0].title
    assert not Notification.objects.filter(recipient=editor).exists()
