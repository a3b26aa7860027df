"""An item (咨询/投诉/建议/求助/整改) from submission to answer, its attachments, and the time
limits per kind and department.

``deadline`` and ``status`` are plain fields on purpose: oversight's red/yellow cards and the
portal widgets query them directly (``Interaction.objects.open().overdue()``).
"""
from __future__ import annotations

import datetime as dt
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.admin.panels import FieldPanel

from interaction.kinds import KINDS, kind_choices
from interaction.status import OPEN, Satisfaction, Status


class PrivateStorage(FileSystemStorage):
    """Attachments hold personal data: they live under ``INTERACTION_PRIVATE_ROOT``, outside
    MEDIA_ROOT, and are served only through the permission-checked download view. The location
    is read from settings at each use (tests and deployments may change it)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.INTERACTION_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


class InteractionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def overdue(self, now: dt.datetime | None = None):
        return self.open().filter(deadline__lt=now or timezone.now())

    def for_department(self, department):
        return self.filter(department=department)

    def published(self):
        """Answers shown in 公开选登: the asker agreed, an official chose to publish, signed off."""
        return self.filter(is_published=True, publish_consent=True,
                           status__in=(Status.ANSWERED, Status.CLOSED))


class Interaction(models.Model):
    kind = models.CharField(_("类型"), max_length=20, choices=kind_choices(), db_index=True)
    department = models.ForeignKey("cms.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="interactions", verbose_name=_("承办部门"))
    subject = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("内容"))
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    publish_consent = models.BooleanField(_("同意公开"), default=False)
    privacy_consent = models.BooleanField(_("同意隐私声明"), default=False)

    tracking_number = models.CharField(_("受理编号"), max_length=20, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NEW,
                              db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="assigned_interactions", verbose_name=_("承办人"))
    time_limit_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"))
    deadline = models.DateTimeField(_("办理期限"), db_index=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    info_request = models.TextField(_("补充材料要求"), blank=True)
    info_reply = models.TextField(_("群众补充内容"), blank=True)
    answer_draft = models.TextField(_("答复草稿"), blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("签发人"))
    is_published = models.BooleanField(_("公开选登"), default=False)
    satisfaction = models.CharField(_("群众评价"), max_length=20, choices=Satisfaction.choices, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    # a 整改 item opened by a bad service rating
    source_rating = models.OneToOneField("interaction.ServiceRating", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="follow_up",
                                         verbose_name=_("来源评价"))

    objects = InteractionQuerySet.as_manager()

    class Meta:
        verbose_name = _("互动事项")
        verbose_name_plural = _("互动事项")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["department", "status", "deadline"]),
                   models.Index(fields=["is_published", "status", "-answered_at"])]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.subject}"

    @cached_property
    def kind_label(self) -> str:
        return str(KINDS[self.kind].label) if self.kind in KINDS else self.kind

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class Attachment(models.Model):
    """A file the citizen sent, already checked and cleaned (``interaction.attachments``)."""

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="interaction/%Y/%m/", max_length=200)
    original_name = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name


@register_snippet
class TimeLimit(models.Model):
    """A department's own time limit for one kind (else ``INTERACTION_TIME_LIMITS``, else the
    kind's default)."""

    department = models.ForeignKey("cms.Department", on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("部门"))
    kind = models.CharField(_("类型"), max_length=20, choices=kind_choices())
    days = models.PositiveSmallIntegerField(_("时限（工作日）"))

    panels = [FieldPanel("department"), FieldPanel("kind"), FieldPanel("days")]

    class Meta:
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        constraints = [models.UniqueConstraint(fields=["department", "kind"], name="interaction_one_limit")]

    def __str__(self) -> str:
        return f"{self.department} {self.get_kind_display()} {self.days}"
