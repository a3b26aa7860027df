"""UserProfile: who an official is beyond Django's user (department, display name, SSO uid).

Shared data model of the team: SSO sets it from SAML attributes, the portal reads it, the CMS
uses ``department`` for defaults. Created on demand with :meth:`UserProfile.for_user`."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="profile", verbose_name=_("用户"))
    department = models.ForeignKey("cms.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="members", verbose_name=_("所属部门"))
    display_name = models.CharField(_("显示名称"), max_length=100, blank=True)
    uid = models.CharField(_("统一身份标识"), max_length=150, null=True, blank=True, unique=True,
                           help_text=_("单点登录身份提供方给出的用户唯一标识"))

    class Meta:
        verbose_name = _("用户资料")
        verbose_name_plural = _("用户资料")

    def __str__(self) -> str:
        return self.display_name or self.user.get_username()

    @classmethod
    def for_user(cls, user) -> "UserProfile":
        """The user's profile, created empty the first time it is asked for."""
        profile, _created = cls.objects.get_or_create(user=user)
        return profile
