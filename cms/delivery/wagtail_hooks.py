"""Admin integration: webhook subscribers (a snippet), the content-event log with its per-subscriber
delivery log and a redeliver button, and a "外部预览" button on every page's header menu."""
from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views.generic import InspectView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.delivery import admin_views
from cms.delivery.forms import WebhookSubscriberForm
from cms.delivery.models import ContentEvent, WebhookSubscriber
from django.utils.translation import gettext_lazy as _


class WebhookSubscriberViewSet(SnippetViewSet):
    model = WebhookSubscriber
    icon = "link-external"
    menu_label = _("Webhook 订阅")
    list_display = ["name", "url", "is_active", "created_at"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("url"), FieldPanel("secret"), FieldPanel("events"),
         FieldPanel("content_types"), FieldPanel("is_active")],
        base_form_class=WebhookSubscriberForm,
    )


register_snippet(WebhookSubscriberViewSet)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The event log is written by the system only: editors may look, nobody adds or edits."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and (user.is_superuser or user.has_perm("delivery.view_contentevent"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ContentEvent, ReadOnlyPolicy(ContentEvent))


class EventInspectView(InspectView):
    template_name = "delivery/admin/event_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deliveries"] = admin_views.delivery_for_event(self.object.pk)
        return context


class ContentEventViewSet(ModelViewSet):
    model = ContentEvent
    name = "delivery_events"
    icon = "history"
    menu_label = _("内容事件与投递")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["title", "event", "content_type", "page_id", "created_at"]
    list_filter = ["event", "content_type"]
    inspect_view_enabled = True
    inspect_view_class = EventInspectView
    inspect_view_fields = ["event", "title", "content_type", "page_id", "created_at", "payload"]
    exclude_form_fields = ["id", "payload"]


@hooks.register("register_admin_viewset")
def register_event_viewset():
    return ContentEventViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("delivery/preview/<int:page_id>/", admin_views.preview_token, name="delivery_preview_token"),
        path("delivery/deliveries/<int:delivery_id>/redeliver/", admin_views.redeliver_view,
             name="delivery_redeliver"),
    ]


class ExternalPreviewButton(PageMenuItem):
    label = _("外部预览")
    icon_name = "view"

    @property
    def url(self):
        return reverse("delivery_preview_token", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def external_preview_header_button(page, user, view_name, next_url=None):
    yield ExternalPreviewButton(page=page, priority=66)
