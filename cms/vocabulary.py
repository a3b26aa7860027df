"""The content vocabulary, in one place: content types, policy validity, audiences, notice priority.

Each is a Django ``TextChoices``: the models use them as field choices, and the API schemas, API
filters, import validation, search source and search page derive their literals and labels from
them, so adding a value touches this file (and a migration) only.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentType(models.TextChoices):
    """The exchange format's ``type`` (content.schema.json) and its label."""

    SERVICE_GUIDE = "service_guide", _("办事指南")
    NOTICE = "notice", _("通知公告")
    POLICY = "policy", _("政策文件")


class PolicyStatus(models.TextChoices):
    """政策文件 validity (有效性). The stored value is the Chinese word the schema uses."""

    VALID = "有效", _("有效")
    REPEALED = "废止", _("废止")
    REVISED = "修订", _("修订")
    INVALID = "失效", _("失效")


#: Statuses of a policy that no longer applies: search ranks them low, the site marks them.
NO_LONGER_IN_FORCE = frozenset({PolicyStatus.REPEALED, PolicyStatus.INVALID})


class Audience(models.TextChoices):
    """服务对象: natural persons or legal persons (companies, organisations)."""

    PERSON = "个人", _("个人")
    LEGAL_PERSON = "法人", _("法人")


class NoticePriority(models.TextChoices):
    NORMAL = "normal", _("一般")
    IMPORTANT = "important", _("重要")
    URGENT = "urgent", _("紧急")


def literal(choices: type[models.TextChoices]):
    """``typing.Literal`` of the values, for typed API schemas and filters (django-ninja)."""
    from typing import Literal

    return Literal[tuple(choices.values)]  # type: ignore[valid-type]
