"""Admin form of a webhook subscriber: events and content types as checkboxes (stored as JSON
lists), so an editor cannot type an event name that never fires."""
from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.delivery.content_types import content_type_names
from cms.delivery.models import EVENT_CHOICES


class WebhookSubscriberForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(label="事件", choices=EVENT_CHOICES, required=False,
                                       widget=forms.CheckboxSelectMultiple, help_text="不选表示全部事件")
    content_types = forms.MultipleChoiceField(label="内容类型", required=False,
                                              widget=forms.CheckboxSelectMultiple, help_text="不选表示全部类型")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_types"].choices = [(name, name) for name in content_type_names()] + [("page", "page（其他页面）")]
