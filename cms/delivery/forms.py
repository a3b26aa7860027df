"""Admin form of a webhook subscriber: events and content types as checkboxes (stored as JSON
lists), so an editor cannot type an event name that never fires."""
from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from django.utils.translation import gettext, gettext_lazy as _

from cms.delivery.content_types import GENERIC_TYPE, content_type_names
from cms.delivery.models import EVENT_CHOICES


class WebhookSubscriberForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(label=_("事件"), choices=EVENT_CHOICES, required=False,
                                       widget=forms.CheckboxSelectMultiple, help_text=_("不选表示全部事件"))
    content_types = forms.MultipleChoiceField(label=_("内容类型"), required=False,
                                              widget=forms.CheckboxSelectMultiple, help_text=_("不选表示全部类型"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_types"].choices = [(name, name) for name in content_type_names()] + [(GENERIC_TYPE, gettext("%(type)s（其他页面）") % {"type": GENERIC_TYPE})]
