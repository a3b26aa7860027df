"""Forms of the message page: the filter (kind, read state, dates) and channel preferences."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import kinds, senders
from notifications.models import ChannelPreference, ContactPoint
from notifications.service import channels_for

STATES = [("", _("全部")), ("unread", _("未读")), ("read", _("已读"))]


class MessageFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), required=False)
    state = forms.ChoiceField(label=_("状态"), choices=STATES, required=False)
    since = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("全部类别")), *kinds.choices()]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return data

    def apply(self, queryset):
        data = self.cleaned_data
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("state") == "unread":
            queryset = queryset.filter(read_at__isnull=True)
        elif data.get("state") == "read":
            queryset = queryset.filter(read_at__isnull=False)
        zone = timezone.get_current_timezone()
        if data.get("since"):
            queryset = queryset.filter(created_at__gte=datetime.combine(data["since"], time.min, zone))
        if data.get("until"):
            queryset = queryset.filter(created_at__lt=datetime.combine(data["until"] + timedelta(days=1), time.min, zone))
        return queryset


class PreferencesForm(forms.Form):
    """One multiple-choice field per kind (outside channels), plus the mobile number for SMS."""

    phone = forms.RegexField(label=_("手机号码（用于短信）"), regex=r"^(\+?[0-9][0-9 -]{6,18}[0-9])?$", required=False,
                             error_messages={"invalid": _("请输入有效的手机号码。")})

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        outside = [(name, label) for name, label in senders.choices() if senders.get_sender(name).external]
        contact = ContactPoint.objects.filter(user=user).first()
        self.fields["phone"].initial = contact.phone if contact else ""
        for kind in kinds.all_kinds():
            if kind.key == kinds.CITIZEN:
                continue  # messages to citizens' addresses, not to officials
            self.fields[f"kind_{kind.key}"] = forms.MultipleChoiceField(
                label=kind.label, choices=outside, required=False, widget=forms.CheckboxSelectMultiple,
                initial=channels_for(user, kind.key), help_text=kind.description)

    def kind_fields(self):
        return [self[name] for name in self.fields if name.startswith("kind_")]

    @transaction.atomic
    def save(self) -> None:
        ContactPoint.objects.update_or_create(user=self.user, defaults={"phone": self.cleaned_data.get("phone", "")})
        for name, value in self.cleaned_data.items():
            if name.startswith("kind_"):
                ChannelPreference.objects.update_or_create(user=self.user, kind=name[5:], defaults={"channels": list(value)})
