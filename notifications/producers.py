"""Producers of the platform's own messages: workflow tasks assigned to me, content I own that is
about to expire, and webhook subscribers that stopped receiving (for administrators).

Other apps produce theirs by calling ``notifications.notify`` (interaction items, efficiency
alerts); these three live here because they read only Wagtail's and the CMS's public models.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import kinds
from notifications.service import notify

logger = logging.getLogger(__name__)


def task_reviewers(task_state) -> list:
    """Who can act on a task: the users of a group approval task's groups."""
    task = task_state.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return []
    User = get_user_model()
    return list(User.objects.filter(groups__in=groups.all(), is_active=True).distinct())


def on_task_submitted(sender, instance, user=None, **kwargs):
    """A workflow step opened: tell its reviewers (not the person who submitted it)."""
    task_state = instance
    page = task_state.workflow_state.content_object
    recipients = [u for u in task_reviewers(task_state) if user is None or u.pk != user.pk]
    if not recipients:
        return
    link = reverse("wagtailadmin_pages:edit", args=[page.pk]) if hasattr(page, "get_url_parts") else ""
    notify(recipients, kinds.WORKFLOW_TASK,
           _("待审核：%(title)s（%(task)s）") % {"title": page.title if hasattr(page, "title") else str(page),
                                           "task": task_state.task.name},
           link=link, source=task_state)


def on_webhook_delivery_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A webhook delivery gave up: tell the administrators once per delivery."""
    if instance.status != "failed":
        return
    admins = get_user_model().objects.filter(is_superuser=True, is_active=True)
    notify(admins, kinds.WEBHOOK_FAILED,
           _("Webhook 投递失败：%(subscriber)s · %(event)s") % {"subscriber": instance.subscriber.name,
                                                            "event": instance.event.title},
           link=_event_admin_url(instance.event_id), source=instance, body=instance.last_error[:500], once=True)


def _event_admin_url(event_id) -> str:
    from django.urls import NoReverseMatch

    try:
        return reverse("delivery_events:inspect", args=[event_id])
    except NoReverseMatch:
        return ""


def notify_expiring_content(now=None) -> int:
    """Tell each owner about their live content expiring within NOTIFICATIONS_EXPIRY_WARNING_DAYS
    (once per page); returns how many messages were written."""
    from cms.models import CONTENT_TYPES

    now = now or timezone.now()
    horizon = now + timedelta(days=settings.NOTIFICATIONS_EXPIRY_WARNING_DAYS)
    written = 0
    for page in (page for model in CONTENT_TYPES.values()
                 for page in model.objects.live().filter(expires_at__gt=now, expires_at__lte=horizon,
                                                         owner__isnull=False).select_related("owner")):
        local = timezone.localtime(page.expires_at)
        written += len(notify(
            page.owner, kinds.CONTENT_EXPIRING,
            _("即将到期：%(title)s（%(when)s）") % {"title": page.title, "when": local.strftime("%Y-%m-%d %H:%M")},
            link=reverse("wagtailadmin_pages:edit", args=[page.pk]), source=page, once=True))
    return written
