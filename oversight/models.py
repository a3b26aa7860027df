"""Efficiency monitoring records.

``TimeLimit`` (admin-configured, most specific match wins) gives each workflow step its clock;
``MonitoredItem`` is one clocked piece of work from any source (a Wagtail workflow task, a
citizen's enquiry, ...), with its deadline and warning moment computed when the clock starts,
its card (green / yellow / red) and, once finished, its handling time and whether it was on
time. A red card stays when the item is finished late. ``CardWarning`` records each alert sent.
``DepartmentLeaders`` says which group leads a department (they hear about red cards and see
that department on the board).
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from oversight.clock import HOURS, WORKING_DAYS


class Level(models.TextChoices):
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("黄牌预警")
    RED = "red", _("红牌超时")


def content_type_choices():
    from cms.models import CONTENT_TYPES

    return {"model__in": [model._meta.model_name for model in CONTENT_TYPES.values()], "app_label": "cms"}


class TimeLimit(models.Model):
    """How long a workflow step may take. Empty department / content type / step mean "any";
    the rule matching the most of them applies (ties: the newest)."""

    department = models.ForeignKey("cms.Department", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="+", verbose_name=_("部门"), help_text=_("留空：所有部门"))
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE,
                                     limit_choices_to=content_type_choices, related_name="+",
                                     verbose_name=_("内容类型"), help_text=_("留空：所有类型"))
    task = models.ForeignKey("wagtailcore.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("工作流步骤"), help_text=_("留空：所有步骤"))
    amount = models.PositiveIntegerField(_("时限"), validators=[MinValueValidator(1), MaxValueValidator(365)])
    unit = models.CharField(_("单位"), max_length=20, default=WORKING_DAYS,
                            choices=[(WORKING_DAYS, _("工作日")), (HOURS, _("小时"))])
    warn_percent = models.PositiveSmallIntegerField(_("预警比例（%）"), default=80,
                                                    validators=[MinValueValidator(1), MaxValueValidator(99)],
                                                    help_text=_("用去这一比例的时限时亮黄牌"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldPanel("department"), FieldPanel("content_type"), FieldPanel("task"), FieldPanel("amount"),
              FieldPanel("unit"), FieldPanel("warn_percent")]

    class Meta:
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        constraints = [models.UniqueConstraint(fields=["department", "content_type", "task"],
                                               name="oversight_one_limit_per_scope")]

    def __str__(self) -> str:
        scope = " / ".join(str(part) for part in (self.department, self.content_type, self.task) if part) or _("全部")
        return f"{scope}: {self.amount} {self.get_unit_display()}"

    def clean(self):
        duplicate = TimeLimit.objects.filter(department=self.department, content_type=self.content_type,
                                             task=self.task).exclude(pk=self.pk)
        if duplicate.exists():
            raise ValidationError(_("同一部门、内容类型和步骤已经设置了时限。"))

    @property
    def specificity(self) -> int:
        return sum(part is not None for part in (self.department_id, self.content_type_id, self.task_id))


class DepartmentLeaders(models.Model):
    """The group whose members lead a department: they get red-card alerts and see it on the board."""

    department = models.OneToOneField("cms.Department", on_delete=models.CASCADE, related_name="+",
                                      verbose_name=_("部门"))
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+", verbose_name=_("领导组"))

    panels = [FieldPanel("department"), FieldPanel("group")]

    class Meta:
        verbose_name = _("部门领导组")
        verbose_name_plural = _("部门领导组")

    def __str__(self) -> str:
        return f"{self.department} → {self.group}"


class MonitoredItem(models.Model):
    """One clocked piece of work, whatever produced it (``source`` is a key of the source registry)."""

    source = models.CharField(_("来源"), max_length=30)
    source_id = models.CharField(_("来源编号"), max_length=64)
    department = models.ForeignKey("cms.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("部门"))
    category = models.CharField(_("类别"), max_length=50, blank=True, help_text=_("内容类型或事项类型"))
    step = models.CharField(_("环节"), max_length=255, blank=True)
    title = models.CharField(_("标题"), max_length=255)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    assignee_group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                       verbose_name=_("承办组"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("承办人"))
    started_at = models.DateTimeField(_("开始时间"))
    warn_at = models.DateTimeField(_("预警时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("到期时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    level = models.CharField(_("状态"), max_length=10, choices=Level.choices, default=Level.GREEN)
    red_card = models.BooleanField(_("红牌"), default=False, help_text=_("曾超时：完成后仍保留"))
    yellow_card = models.BooleanField(_("黄牌"), default=False)
    duration_seconds = models.BigIntegerField(_("办理用时（秒）"), null=True, blank=True)
    on_time = models.BooleanField(_("按时完成"), null=True, blank=True)

    class Meta:
        verbose_name = _("监察事项")
        verbose_name_plural = _("监察事项")
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="oversight_item_once")]
        indexes = [
            # the periodic check: open items whose warning or deadline has come
            models.Index(fields=["finished_at", "level", "warn_at"], name="oversight_open_warn"),
            models.Index(fields=["finished_at", "due_at"], name="oversight_open_due"),
            # the board, index-only: items in progress now, and items finished in a period
            models.Index(fields=["source", "finished_at", "department", "level"], name="oversight_board_now"),
            models.Index(fields=["source", "finished_at", "department", "duration_seconds", "on_time",
                                 "yellow_card", "red_card"], name="oversight_board_period"),
            models.Index(fields=["source", "department", "started_at"], name="oversight_drill"),
        ]

    def __str__(self) -> str:
        return self.title

    def finish(self, when=None) -> None:
        """Stop the clock: handling time, on time or late; a late item keeps (or gets) its red card."""
        self.finished_at = when or timezone.now()
        self.duration_seconds = int((self.finished_at - self.started_at).total_seconds())
        if self.due_at is not None:
            self.on_time = self.finished_at <= self.due_at
            if not self.on_time:
                self.level, self.red_card = Level.RED, True


class CardWarning(models.Model):
    """One alert sent about an item: which card, when, to how many people."""

    item = models.ForeignKey(MonitoredItem, on_delete=models.CASCADE, related_name="warnings", verbose_name=_("事项"))
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    recipients = models.JSONField(_("接收人"), default=list)

    class Meta:
        verbose_name = _("预警记录")
        verbose_name_plural = _("预警记录")
        ordering = ["-created_at"]


class PageViewDaily(models.Model):
    """Views of one public address on one day, counted by the platform itself.

    Privacy by construction: no address, cookie, user agent or user is stored — only the path,
    its section and a daily counter (pre-aggregated, so a year of statistics reads ~365 × pages
    rows, never one row per visit)."""

    day = models.DateField(_("日期"))
    path = models.CharField(_("地址"), max_length=300)
    section = models.CharField(_("栏目"), max_length=60, blank=True)
    views = models.PositiveIntegerField(_("浏览量"), default=0)

    class Meta:
        verbose_name = _("每日浏览量")
        verbose_name_plural = _("每日浏览量")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="pageview_once_per_day")]
        # covering indexes: per-section and per-path sums over a date range never touch the table
        indexes = [models.Index(fields=["day", "section", "views"], name="pageview_day_section"),
                   models.Index(fields=["day", "path", "views"], name="pageview_day_path")]


class SectionViewDaily(models.Model):
    """Roll-up of ``PageViewDaily``: views per section per day (the per-day and per-section charts)."""

    day = models.DateField(_("日期"))
    section = models.CharField(_("栏目"), max_length=60, blank=True)
    views = models.PositiveIntegerField(_("浏览量"), default=0)

    class Meta:
        verbose_name = _("栏目每日浏览量")
        verbose_name_plural = _("栏目每日浏览量")
        constraints = [models.UniqueConstraint(fields=["day", "section"], name="sectionview_once_per_day")]


class PageViewMonthly(models.Model):
    """Roll-up of ``PageViewDaily``: views per path per calendar month (``month`` is its first day),
    so a year of top pages reads twelve months of totals instead of 365 days of counters."""

    month = models.DateField(_("月份"))
    path = models.CharField(_("地址"), max_length=300)
    section = models.CharField(_("栏目"), max_length=60, blank=True)
    views = models.PositiveIntegerField(_("浏览量"), default=0)

    class Meta:
        verbose_name = _("每月浏览量")
        verbose_name_plural = _("每月浏览量")
        constraints = [models.UniqueConstraint(fields=["month", "path"], name="pageview_once_per_month")]
        indexes = [models.Index(fields=["month", "section", "path", "views"], name="pageview_month_section")]
