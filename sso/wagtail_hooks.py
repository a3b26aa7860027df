"""Wagtail admin: identity providers and role mappings (editable by administrators) and the
login audit log (read-only), grouped under one “统一身份认证” menu."""
from __future__ import annotations

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from sso.models import AuthEvent, IdentityProvider, RoleMapping
from django.utils.translation import gettext_lazy as _


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes audit lines; viewing needs ``sso.view_authevent`` or superuser."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AuthEvent, ReadOnlyPolicy(AuthEvent))


class IdentityProviderViewSet(ModelViewSet):
    model = IdentityProvider
    icon = "key"
    menu_label = _("身份提供方")
    list_display = ["name", "slug", "entity_id", "enabled", "allow_idp_initiated"]
    search_fields = ["name", "slug", "entity_id"]
    form_fields = [
        "slug", "name", "enabled", "entity_id", "metadata_url", "metadata_xml", "attribute_map",
        "want_messages_signed", "allow_idp_initiated",
    ]


class RoleMappingViewSet(ModelViewSet):
    model = RoleMapping
    icon = "group"
    menu_label = _("角色映射")
    list_display = ["role", "identity_provider", "description"]
    search_fields = ["role", "description"]
    form_fields = ["role", "identity_provider", "groups", "description"]


class AuthEventViewSet(ModelViewSet):
    model = AuthEvent
    icon = "list-ul"
    menu_label = _("登录审计")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["created_at", "kind", "username", "identity_provider", "method", "reason", "ip_address"]
    list_filter = ["kind", "identity_provider", "method", "reason"]
    search_fields = ["username", "reason", "detail"]
    form_fields = []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


class SsoViewSetGroup(ModelViewSetGroup):
    menu_label = _("统一身份认证")
    menu_icon = "key"
    menu_order = 900
    items = (IdentityProviderViewSet("sso_idp"), RoleMappingViewSet("sso_role_mapping"), AuthEventViewSet("sso_audit"))


@hooks.register("register_admin_viewset")
def register_sso_viewsets():
    return SsoViewSetGroup()
