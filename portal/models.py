"""Models of `portal`: widget definitions, default layouts per role/department, personal layouts.

Widget definitions and default layouts are what administrators edit in the Wagtail admin and what
``portal_load_config`` loads; both go through ``portal.validation`` so they agree on what is valid.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from portal.registry import connectors, widget_types
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext
from config.i18n import join_clauses

MAX_WIDTH = 4
MAX_HEIGHT = 3


def widget_type_choices():
    return widget_types.choices()


def connector_choices():
    return [("", gettext("（无）")), *connectors.choices()]


class WidgetDefinition(models.Model):
    """One configured widget: a widget type fed by a connector, visible to some roles."""

    key = models.SlugField(_("标识"), max_length=80, unique=True, help_text=_("在布局、接口和配置文件中引用它的名字"))
    title = models.CharField(_("标题"), max_length=100)
    widget_type = models.CharField(_("组件类型"), max_length=40, choices=widget_type_choices)
    connector = models.CharField(_("数据连接器"), max_length=40, blank=True, choices=connector_choices)
    backend = models.CharField(
        _("后端系统"), max_length=40, blank=True,
        help_text=_("PORTAL_BACKENDS 中的系统名（如 oa）：决定可访问的地址、令牌受众和熔断器"),
    )
    connector_config = models.JSONField(_("连接器配置"), default=dict, blank=True)
    settings = models.JSONField(_("组件设置"), default=dict, blank=True)
    roles = models.ManyToManyField(Group, blank=True, verbose_name=_("可见角色"), help_text=_("留空：所有登录的工作人员"))
    departments = models.JSONField(_("可见部门"), default=list, blank=True, help_text=_("部门名称列表；留空：所有部门"))
    timeout = models.FloatField(_("超时（秒）"), null=True, blank=True, validators=[MinValueValidator(0.05), MaxValueValidator(60)])
    cache_ttl = models.PositiveIntegerField(_("缓存有效期（秒）"), null=True, blank=True)
    enabled = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel([FieldPanel("key"), FieldPanel("title"), FieldPanel("widget_type"), FieldPanel("enabled")], heading=_("组件")),
        MultiFieldPanel([FieldPanel("connector"), FieldPanel("backend"), FieldPanel("connector_config"),
                         FieldPanel("timeout"), FieldPanel("cache_ttl")], heading=_("数据来源")),
        FieldPanel("settings"),
        MultiFieldPanel([FieldPanel("roles"), FieldPanel("departments")], heading=_("可见范围")),
    ]

    class Meta:
        verbose_name = _("门户组件")
        verbose_name_plural = _("门户组件")
        ordering = ["key"]

    def __str__(self):
        return f"{self.title} ({self.key})"

    def clean(self):
        from portal.validation import widget_errors

        role_names = None  # roles are checked by the form's own choices
        errors = widget_errors(self.as_config(role_names=role_names))
        if errors:
            raise ValidationError(join_clauses(f"{'.'.join(map(str, path))}: {reason}" for path, reason in errors))

    def as_config(self, role_names=None) -> dict:
        """The structure ``portal_load_config`` reads (without roles unless given)."""
        config = {
            "key": self.key, "title": self.title, "type": self.widget_type, "connector": self.connector or None,
            "backend": self.backend or None, "connector_config": self.connector_config or {},
            "settings": self.settings or {}, "departments": self.departments or [], "enabled": self.enabled,
        }
        if self.timeout is not None:
            config["timeout"] = self.timeout
        if self.cache_ttl is not None:
            config["cache_ttl"] = self.cache_ttl
        if role_names is not None:
            config["roles"] = list(role_names)
        return config


class DefaultLayout(ClusterableModel):
    """The default arrangement for users with a role and/or in a department (blank = everyone)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    role = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("角色"),
                             help_text=_("留空：所有角色"))
    department = models.CharField(_("部门"), max_length=100, blank=True, help_text=_("部门名称；留空：所有部门"))
    priority = models.IntegerField(_("优先级"), default=100, help_text=_("数字小的布局排在前面"))

    panels = [
        FieldPanel("name"), FieldPanel("role"), FieldPanel("department"), FieldPanel("priority"),
        InlinePanel("slots", label=_("组件")),
    ]

    class Meta:
        verbose_name = _("默认布局")
        verbose_name_plural = _("默认布局")
        ordering = ["priority", "name"]

    def __str__(self):
        return self.name


class LayoutSlot(Orderable):
    layout = ParentalKey(DefaultLayout, on_delete=models.CASCADE, related_name="slots")
    widget = models.ForeignKey(WidgetDefinition, on_delete=models.CASCADE, verbose_name=_("组件"))
    width = models.PositiveSmallIntegerField(_("宽度"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_WIDTH)])
    height = models.PositiveSmallIntegerField(_("高度"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_HEIGHT)])

    panels = [FieldPanel("widget"), FieldPanel("width"), FieldPanel("height")]


class PersonalLayout(models.Model):
    """A user's own arrangement: ``items`` is ``[{"widget": key, "width": n, "height": n}, ...]``."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_layout")
    items = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("个人布局")
        verbose_name_plural = _("个人布局")
