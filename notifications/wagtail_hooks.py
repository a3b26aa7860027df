"""Admin: a 消息中心 menu item showing the unread count, a dashboard panel of unread messages,
and the delivery log (read-only) for administrators."""
from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from notifications.models import Delivery, Notification
from notifications.service import unread_count


class MessagesMenuItem(MenuItem):
    """Its label carries the signed-in user's unread count (computed per request)."""

    def render_component(self, request):
        component = super().render_component(request)
        count = unread_count(request.user)
        if count:
            component.label = _("消息中心（%(count)d 条未读）") % {"count": count}
        return component


@hooks.register("register_admin_menu_item")
def register_messages_menu_item():
    return MessagesMenuItem(gettext_lazy("消息中心"), reverse("notifications:list"), icon_name="mail", order=50,
                            name="messages")


class UnreadMessagesPanel(Component):
    name = "unread_messages"
    order = 60

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        user = self.request.user
        latest = list(Notification.objects.for_user(user).unread()[:5])
        return render_to_string("notifications/admin_panel.html",
                                {"items": latest, "unread": unread_count(user)}, request=self.request)


@hooks.register("construct_homepage_panels")
def add_unread_panel(request, panels):
    panels.append(UnreadMessagesPanel(request))


class DeliveryLogPolicy(ModelPermissionPolicy):
    """The delivery log is written by the system: administrators may look, nobody edits."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and (user.is_superuser or user.has_perm("notifications.view_delivery"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Delivery, DeliveryLogPolicy(Delivery))


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    name = "notification_deliveries"
    icon = "mail"
    menu_label = gettext_lazy("消息投递记录")
    add_to_settings_menu = True
    list_display = ["subject", "channel", "address", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["channel", "status", "kind"]
    inspect_view_enabled = True
    inspect_view_fields = ["kind", "channel", "address", "subject", "body", "status", "attempts",
                           "next_attempt_at", "last_error", "created_at", "sent_at"]
    exclude_form_fields = ["notification"]


@hooks.register("register_admin_viewset")
def register_delivery_viewset():
    return DeliveryViewSet()
