"""Kinds of notification: a registry, so producers in other apps add theirs without editing a list.

A kind names what happened (``workflow_task``, ``efficiency_red``, ...); it carries its label for the
message page's filter and the preference form, and the channels used when neither the producer nor
the user chose otherwise. ``notify()`` refuses an unknown kind, so a typo fails at once instead of
producing messages nobody can filter or switch off.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

PLATFORM = "platform"  # the in-platform channel: always on (the Notification row itself)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default_channels: tuple[str, ...] = field(default=(PLATFORM,))
    description: str = ""


class UnknownKind(LookupError):
    """A producer used a kind that nobody registered."""


_kinds: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    """Add ``kind`` (idempotent for the same key and label, so reloading modules is harmless)."""
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> Kind:
    try:
        return _kinds[key]
    except KeyError:
        raise UnknownKind(f"unknown notification kind {key!r} (known: {', '.join(sorted(_kinds))})") from None


def all_kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)


def choices() -> list[tuple[str, str]]:
    return [(kind.key, str(kind.label)) for kind in all_kinds()]


# Constants for the built-in kinds (producers import these rather than repeating strings).
WORKFLOW_TASK = "workflow_task"
CONTENT_EXPIRING = "content_expiring"
WEBHOOK_FAILED = "webhook_failed"
EFFICIENCY_YELLOW = "efficiency_yellow"
EFFICIENCY_RED = "efficiency_red"
INTERACTION = "interaction"
CITIZEN = "citizen"
SYSTEM = "system"


def load_builtins() -> None:
    register_kind(Kind(WORKFLOW_TASK, _("待我审核的内容"), (PLATFORM,),
                       _("工作流中分配给我所在审核组的任务（Wagtail 另发邮件）")))
    register_kind(Kind(CONTENT_EXPIRING, _("我负责的内容即将到期"), (PLATFORM, "email")))
    register_kind(Kind(WEBHOOK_FAILED, _("Webhook 订阅投递失败"), (PLATFORM, "email")))
    register_kind(Kind(EFFICIENCY_YELLOW, _("效能预警（黄牌）"), (PLATFORM, "email")))
    register_kind(Kind(EFFICIENCY_RED, _("效能超时（红牌）"), (PLATFORM, "email", "sms")))
    register_kind(Kind(INTERACTION, _("互动交流事项"), (PLATFORM, "email")))
    register_kind(Kind(CITIZEN, _("给群众的办理通知"), ("email",)))
    register_kind(Kind(SYSTEM, _("系统消息"), (PLATFORM,)))
