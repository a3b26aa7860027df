"""Webhook subscribers, the outbox of content events, and the per-subscriber delivery log.

A content change (publish, unpublish, delete, expiry) writes one ``ContentEvent`` and one
``WebhookDelivery`` per matching subscriber inside the caller's transaction (the outbox); a task
then sends each delivery, retrying with exponential backoff, and records every try as a
``WebhookAttempt``. Nothing is sent for a change that was rolled back, and nothing is lost while
a subscriber is down: the delivery row stays ``pending`` until it succeeds or runs out of tries.
"""
from __future__ import annotations

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from django.utils.text import format_lazy

from config.safe_url import validate_http_url
from config.i18n import join_list_lazy

EVENT_CHOICES = [
    ("published", _("发布")),
    ("unpublished", _("撤回")),
    ("deleted", _("删除")),
    ("expired", _("过期")),
]
EVENT_NAMES = [name for name, _label in EVENT_CHOICES]


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscriber(models.Model):
    """An external system told about content changes: where, with which secret, about what."""

    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("接收地址"), max_length=500, validators=[validate_http_url],
                          help_text=_("HTTPS 地址，接收 POST 的 JSON 事件"))
    secret = models.CharField(_("签名密钥"), max_length=200, default=new_secret,
                              help_text=_("用于 HMAC-SHA256 签名；接收方用同一密钥验证"))
    events = models.JSONField(_("事件"), default=list, blank=True,
                              help_text=format_lazy(_("为空表示全部事件：{events}"), events=join_list_lazy(EVENT_NAMES)))
    content_types = models.JSONField(_("内容类型"), default=list, blank=True,
                                     help_text=_("为空表示全部类型，例如 [\"notice\", \"policy\"]"))
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("Webhook 订阅")
        verbose_name_plural = _("Webhook 订阅")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.events or []) - set(EVENT_NAMES)
        if unknown:
            raise ValidationError({"events": gettext("未知事件：%(names)s") % {"names": ", ".join(sorted(unknown))}})
        from cms.delivery.content_types import GENERIC_TYPE, content_type_names

        unknown_types = set(self.content_types or []) - {*content_type_names(), GENERIC_TYPE}
        if unknown_types:
            raise ValidationError({"content_types": gettext("未知内容类型：%(names)s") % {"names": ", ".join(sorted(unknown_types))}})

    def wants(self, event: str, content_type: str) -> bool:
        """Whether this subscriber asked for ``event`` on content of ``content_type``."""
        return (
            self.is_active
            and (not self.events or event in self.events)
            and (not self.content_types or content_type in self.content_types)
        )


class ContentEvent(models.Model):
    """One change of public content, as sent to subscribers (the outbox row)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.CharField(_("事件"), max_length=20, choices=EVENT_CHOICES)
    page_id = models.PositiveIntegerField(_("页面 ID"), db_index=True)
    content_type = models.CharField(_("内容类型"), max_length=50)
    title = models.CharField(_("标题"), max_length=255)
    payload = models.JSONField(_("内容"))
    created_at = models.DateTimeField(_("发生时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("内容事件")
        verbose_name_plural = _("内容事件")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} · {self.title}"


class WebhookDelivery(models.Model):
    """The state of one event's delivery to one subscriber."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        DELIVERED = "delivered", _("已送达")
        FAILED = "failed", _("失败（已停止重试）")

    event = models.ForeignKey(ContentEvent, on_delete=models.CASCADE, related_name="deliveries",
                              verbose_name=_("事件"))
    subscriber = models.ForeignKey(WebhookSubscriber, on_delete=models.CASCADE,
                                   related_name="deliveries", verbose_name=_("订阅"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    attempts = models.PositiveIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now, db_index=True)
    last_status_code = models.PositiveIntegerField(_("最后响应码"), null=True, blank=True)
    last_error = models.TextField(_("最后错误"), blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook 投递")
        verbose_name_plural = _("Webhook 投递")
        ordering = ["-event__created_at", "subscriber__name"]
        constraints = [models.UniqueConstraint(fields=["event", "subscriber"], name="delivery_once_per_subscriber")]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscriber}"


class WebhookAttempt(models.Model):
    """One HTTP try of a delivery: the log an editor reads when a subscriber says it got nothing."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log",
                                 verbose_name=_("投递"))
    attempted_at = models.DateTimeField(_("时间"), default=timezone.now)
    status_code = models.PositiveIntegerField(_("响应码"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    duration_ms = models.PositiveIntegerField(_("耗时（毫秒）"), default=0)
    manual = models.BooleanField(_("手动重发"), default=False)

    class Meta:
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")
        ordering = ["-attempted_at"]

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
