"""Clocks and cards: start a clock for a workflow step, stop it, and the periodic check that
hands out yellow and red cards with their alerts.

Cards move only forward (green → yellow → red) and each move is recorded (``CardWarning``) and
announced once: the assignees on yellow and red, and on red the leaders of the item's
department (``DepartmentLeaders``) — never another department's leaders.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import kinds
from notifications.service import notify
from oversight.clock import WORKING_DAYS, deadline_warning, deadlines
from oversight.models import CardWarning, DepartmentLeaders, Level, MonitoredItem, TimeLimit
from oversight.sources import get_source

logger = logging.getLogger(__name__)


def resolve_limit(department_id, content_type_id, task_id) -> TimeLimit | None:
    """The most specific ``TimeLimit`` for this step (each field either matches or is empty)."""
    candidates = TimeLimit.objects.filter(
        Q(department_id=department_id) | Q(department__isnull=True),
        Q(content_type_id=content_type_id) | Q(content_type__isnull=True),
        Q(task_id=task_id) | Q(task__isnull=True),
    ).order_by("-created_at")
    return max(candidates, key=lambda limit: limit.specificity, default=None)


def warning_moment(start, due):
    return deadline_warning(start, due, settings.OVERSIGHT_WARN_PERCENT / 100)


def start_workflow_clock(task_state) -> MonitoredItem | None:
    """A workflow step opened: clock it with the matching time limit (or the default one)."""
    page = task_state.workflow_state.content_object
    page = getattr(page, "specific", page)
    department_id = getattr(page, "department_id", None)
    content_type = ContentType.objects.get_for_model(type(page))
    task = task_state.task.specific
    limit = resolve_limit(department_id, content_type.pk, task.pk)
    started = task_state.started_at or timezone.now()
    warn_at = due_at = None
    if limit is not None:
        warn_at, due_at = deadlines(started, limit.amount, limit.unit, limit.warn_percent / 100)
    elif settings.OVERSIGHT_DEFAULT_STEP_DAYS:
        warn_at, due_at = deadlines(started, settings.OVERSIGHT_DEFAULT_STEP_DAYS, WORKING_DAYS,
                                    settings.OVERSIGHT_WARN_PERCENT / 100)
    groups = getattr(task, "groups", None)
    item, _created = MonitoredItem.objects.update_or_create(source="workflow", source_id=str(task_state.pk), defaults={
        "department_id": department_id, "category": getattr(page, "record_type", "") or content_type.model,
        "step": task.name[:255], "title": str(getattr(page, "title", page))[:255],
        "link": reverse("wagtailadmin_pages:edit", args=[page.pk]) if hasattr(page, "get_url_parts") else "",
        "assignee_group": groups.first() if groups is not None else None,
        "started_at": started, "warn_at": warn_at, "due_at": due_at,
    })
    return item


def stop_clock(source: str, source_id, when=None) -> MonitoredItem | None:
    item = MonitoredItem.objects.filter(source=source, source_id=str(source_id), finished_at__isnull=True).first()
    if item is None:
        return None
    item.finish(when)
    item.save()
    return item


def leaders_of(department_id) -> list:
    if department_id is None:
        return []
    group_ids = DepartmentLeaders.objects.filter(department_id=department_id).values_list("group_id", flat=True)
    return list(get_user_model().objects.filter(groups__in=list(group_ids), is_active=True).distinct())


def _card(item: MonitoredItem, level: str, now) -> None:
    source = get_source(item.source)
    recipients = {user.pk: user for user in source.assignees(item)}
    if level == Level.RED:
        recipients.update({user.pk: user for user in leaders_of(item.department_id)})
    due = timezone.localtime(item.due_at).strftime("%Y-%m-%d %H:%M") if item.due_at else ""
    if level == Level.RED:
        kind, title = kinds.EFFICIENCY_RED, _("红牌：%(title)s 已超过办理时限（%(due)s）") % {"title": item.title, "due": due}
    else:
        kind, title = kinds.EFFICIENCY_YELLOW, _("黄牌：%(title)s 即将到期（%(due)s）") % {"title": item.title, "due": due}
    body = _("环节：%(step)s") % {"step": item.step} if item.step else ""
    notify(list(recipients.values()), kind, title, link=item.link, source=item, body=body)
    CardWarning.objects.create(item=item, level=level, created_at=now,
                               recipients=sorted(user.get_username() for user in recipients.values()))


def check_cards(now=None) -> int:
    """Hand out due cards (each item at most one yellow and one red); returns how many."""
    now = now or timezone.now()
    given = 0
    open_items = MonitoredItem.objects.filter(finished_at__isnull=True)
    red = open_items.filter(due_at__lte=now).exclude(level=Level.RED)
    yellow = open_items.filter(level=Level.GREEN, warn_at__lte=now, due_at__gt=now)
    for queryset, level in ((red, Level.RED), (yellow, Level.YELLOW)):
        for pk in list(queryset.values_list("pk", flat=True)[:5000]):
            with transaction.atomic():
                item = MonitoredItem.objects.select_for_update().filter(pk=pk, finished_at__isnull=True).first()
                if item is None or item.level == Level.RED or (level == Level.YELLOW and item.level != Level.GREEN):
                    continue
                item.level = level
                if level == Level.RED:
                    item.red_card = True
                else:
                    item.yellow_card = True
                item.save(update_fields=["level", "red_card", "yellow_card"])
                _card(item, level, now)
                given += 1
    return given
