"""Time limits in working days and the deadline state shown everywhere (on time, near, overdue).

The limit of an item is the department's own ``TimeLimit`` for its kind, else
``INTERACTION_TIME_LIMITS[kind]``, else the kind's default. Working days come from ``workdays``
(the official calendar, shared with oversight).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interaction.kinds import KINDS
from workdays import add_working_days, working_days_between


def time_limit_days(kind: str, department=None) -> int:
    from interaction.models import TimeLimit

    if department is not None:
        own = TimeLimit.objects.filter(department=department, kind=kind).values_list("days", flat=True).first()
        if own is not None:
            return own
    configured = settings.INTERACTION_TIME_LIMITS.get(kind)
    return configured if configured is not None else KINDS[kind].default_days


def deadline_for(submitted_at: dt.datetime, days: int) -> dt.datetime:
    """The end of the last working day: a limit of N days lets the department use all of day N."""
    last_day = add_working_days(timezone.localtime(submitted_at).date(), days)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(23, 59, 59)))


@dataclass(frozen=True)
class DeadlineState:
    key: str            # "ok", "near", "overdue", "done"
    label: str
    days_left: float    # working days left (negative: overdue by)


STATE_LABELS = {"ok": _("正常"), "near": _("即将到期"), "overdue": _("已超期"), "done": _("已办结")}


def deadline_state(item, now: dt.datetime | None = None) -> DeadlineState:
    """``near`` when no more than ``INTERACTION_NEAR_DEADLINE_DAYS`` working days are left."""
    if not item.is_open:
        return DeadlineState("done", str(STATE_LABELS["done"]), 0.0)
    now = now or timezone.now()
    left = working_days_between(now, item.deadline)
    if now > item.deadline:
        key = "overdue"
    elif left <= settings.INTERACTION_NEAR_DEADLINE_DAYS:
        key = "near"
    else:
        key = "ok"
    return DeadlineState(key, str(STATE_LABELS[key]), round(left, 1))
