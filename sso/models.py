"""Models of `sso`: identity providers kept in the admin, the role → group mapping, the audit log.

The identity provider set up from the environment (contract §3) is not a row here: it is built from
settings on every request (see ``sso.idps``), so a deployment's configuration cannot drift from
its environment. Rows here add further IdPs (a district's, say) beside it.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from django.utils.text import format_lazy

from sso.mapping import CLAIMS, validate_attribute_map


RESERVED_SLUGS = {"metadata", "login", "logout", "session"}


def _validate_attribute_map(value) -> None:
    try:
        validate_attribute_map(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


class IdentityProvider(models.Model):
    """One SAML identity provider, shown to allauth as a ``SocialApp`` (provider ``saml``)."""

    slug = models.SlugField(
        _("标识"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9-]*$", _("只能使用小写字母、数字和连字符。"))],
        help_text=_("出现在网址中：/sso/saml/<标识>/acs/。"),
    )
    name = models.CharField(_("名称"), max_length=100)
    enabled = models.BooleanField(_("启用"), default=True)
    entity_id = models.CharField(
        _("IdP 实体标识 (entityID)"), max_length=500, blank=True, help_text=_("元数据中有多个 IdP 时填写；留空取第一个。")
    )
    metadata_url = models.URLField(_("元数据网址"), max_length=500, blank=True)
    metadata_xml = models.TextField(_("元数据 XML"), blank=True, help_text=_("未填写元数据网址时使用。"))
    attribute_map = models.JSONField(
        _("属性映射"),
        default=dict,
        blank=True,
        validators=[_validate_attribute_map],
        help_text=format_lazy(_("JSON：IdP 属性名 → {claims}；留空则使用 SAML_ATTRIBUTE_MAP。"), claims=", ".join(CLAIMS)),
    )
    want_messages_signed = models.BooleanField(
        _("要求消息签名"), default=True, help_text=_("IdP 对整个 Response 签名时勾选（断言签名始终必需）。")
    )
    allow_idp_initiated = models.BooleanField(
        _("允许 IdP 发起的登录"), default=False, help_text=_("默认拒绝；启用后每个断言只能使用一次。")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("身份提供方 (IdP)")
        verbose_name_plural = _("身份提供方 (IdP)")
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    def clean(self) -> None:
        if not self.metadata_url and not self.metadata_xml.strip():
            raise ValidationError(_("请填写元数据网址或元数据 XML。"))
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": gettext("“%(slug)s”是保留字。") % {"slug": self.slug}})
        if self.slug == settings.SSO_ENV_IDP_SLUG:
            raise ValidationError({"slug": gettext("“%(slug)s”保留给环境变量配置的 IdP。") % {"slug": self.slug}})


class RoleMapping(models.Model):
    """An IdP role value (e.g. ``editor``) and the Django groups it grants.

    Groups named by any mapping are *managed*: each login adds the ones the user's roles grant and
    removes the others. Groups no mapping names are left alone (granted by hand in the admin).
    """

    role = models.CharField(_("IdP 角色值"), max_length=100, help_text=_("如 editor、reviewer、publisher、official。"))
    identity_provider = models.ForeignKey(
        IdentityProvider,
        verbose_name=_("仅限 IdP"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("留空表示适用于所有 IdP（包括环境变量配置的 IdP）。"),
    )
    groups = models.ManyToManyField(Group, verbose_name=_("授予的用户组"), related_name="sso_role_mappings")
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("角色映射")
        verbose_name_plural = _("角色映射")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["role", "identity_provider"], name="sso_rolemapping_unique_role_per_idp"),
            models.UniqueConstraint(
                fields=["role"], condition=models.Q(identity_provider__isnull=True), name="sso_rolemapping_unique_global_role"
            ),
        ]

    def __str__(self) -> str:
        return self.role


class AuthEvent(models.Model):
    """One line of the login audit log: logins, refused logins (with the reason) and logouts.

    Written by ``sso.audit`` only; read-only in the admin.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", _("登录")
        LOGIN_REFUSED = "login_refused", _("拒绝登录")
        LOGOUT = "logout", _("退出")
        LOGOUT_REFUSED = "logout_refused", _("拒绝退出请求")

    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    kind = models.CharField(_("事件"), max_length=20, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("用户名/标识"), max_length=255, blank=True)
    identity_provider = models.CharField("IdP", max_length=40, blank=True)
    method = models.CharField(_("方式"), max_length=20, blank=True, help_text=_("saml 或 password"))
    reason = models.CharField(_("原因"), max_length=100, blank=True)
    detail = models.TextField(_("详情"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    user_agent = models.CharField(_("浏览器"), max_length=300, blank=True)
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("登录审计记录")
        verbose_name_plural = _("登录审计记录")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"
