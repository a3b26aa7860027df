"""Sources of clocked work: a registry, so the board and the periodic check treat every kind of
item alike (``MonitoredItem`` rows) whatever produced it.

A source has a ``key`` and ``label`` (the board's tabs), says who must act on an item
(``assignees``) and may pull its items in on each periodic round (``sync``). Built in:

* ``workflow`` — Wagtail workflow steps; clocks start and stop on Wagtail's task signals
  (``oversight.signal_handlers``), the time limit comes from ``TimeLimit``.
* ``interaction`` — citizens' enquiries, complaints, ... of the ``interaction`` app when it is
  installed: its ``Interaction`` rows carry ``deadline`` (working days, set by that app),
  ``status``, ``assignee``, ``submitted_at``, ``answered_at``/``closed_at``; ``sync`` copies them.

Another app adds its own with ``register_source(MySource())``.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class Source:
    key: str = ""
    label = ""

    def assignees(self, item) -> list:
        """The people who must act on ``item`` (alerted on yellow and red)."""
        if item.assignee_id:
            return [item.assignee]
        if item.assignee_group_id:
            return list(get_user_model().objects.filter(groups=item.assignee_group_id, is_active=True))
        return []

    def sync(self, now) -> int:
        """Bring this source's items up to date; returns how many rows changed."""
        return 0


_sources: dict[str, Source] = {}


def register_source(source: Source) -> Source:
    _sources[source.key] = source
    return source


def get_source(key: str) -> Source:
    return _sources.get(key) or Source()


def all_sources() -> list[Source]:
    return list(_sources.values())


def choices() -> list[tuple[str, str]]:
    return [(source.key, str(source.label)) for source in _sources.values()]


class WorkflowSource(Source):
    key = "workflow"
    label = _("内容审核")


class InteractionSource(Source):
    """Copies the interaction app's items (only reads its public fields)."""

    key = "interaction"
    label = _("互动交流")
    watermark_key = "oversight:interaction-sync"

    def sync(self, now) -> int:
        if not apps.is_installed("interaction"):
            return 0
        from oversight.models import MonitoredItem
        from oversight.monitor import warning_moment

        Interaction = apps.get_model("interaction", "Interaction")
        since = cache.get(self.watermark_key)
        rows = Interaction.objects.all() if since is None else Interaction.objects.filter(updated_at__gte=since)
        changed = 0
        with transaction.atomic():
            for row in rows.select_related("department").iterator():
                finished = getattr(row, "answered_at", None) or getattr(row, "closed_at", None)
                started = row.submitted_at
                item, created = MonitoredItem.objects.get_or_create(
                    source=self.key, source_id=str(row.pk),
                    defaults={"started_at": started, "title": row.subject[:255]})
                item.department_id = row.department_id
                item.category = row.kind
                item.step = row.get_status_display()
                item.title = f"{row.tracking_number} {row.subject}"[:255]
                item.link = row.get_admin_url() if hasattr(row, "get_admin_url") else ""
                item.assignee_id = row.assignee_id
                item.started_at = started
                if item.due_at != row.deadline:
                    item.due_at = row.deadline
                    item.warn_at = warning_moment(started, row.deadline)
                if finished and item.finished_at is None:
                    item.finish(finished)
                item.save()
                changed += 1
        cache.set(self.watermark_key, now - timedelta(seconds=settings.OVERSIGHT_CHECK_INTERVAL), None)
        return changed


def load_builtins() -> None:
    register_source(WorkflowSource())
    register_source(InteractionSource())
