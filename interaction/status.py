"""The states of an item, as data (the queue's tabs, labels, and which states count as open).

new → assigned → in_progress ⇄ awaiting_info (the citizen is asked for more) → awaiting_signoff
→ answered → closed. ``OPEN`` states run against the deadline; oversight's red/yellow cards read
``Interaction.deadline`` for items whose status is in ``OPEN``.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("待分办")
    ASSIGNED = "assigned", _("已分派")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_INFO = "awaiting_info", _("待补充材料")
    AWAITING_SIGNOFF = "awaiting_signoff", _("待签发")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")


OPEN = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_INFO,
                  Status.AWAITING_SIGNOFF})
DONE = frozenset({Status.ANSWERED, Status.CLOSED})


class Satisfaction(models.TextChoices):
    """The asker's rating of an answer."""

    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")
