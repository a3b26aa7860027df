"""The date-range and department filter shared by the board and the statistics pages."""
from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_SPAN_DAYS = 3 * 366


class RangeForm(forms.Form):
    """``since``/``until`` (inclusive dates, default: the last 30 days) and an optional department."""

    since = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.TypedChoiceField(label=_("部门"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, departments=(), default_days: int = 30, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_days = default_days
        self.fields["department"].choices = [("", _("全部部门")), *[(d.pk, d.name) for d in departments]]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        until = data.get("until") or today
        since = data.get("since") or until - dt.timedelta(days=self.default_days - 1)
        if since > until:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        if (until - since).days > MAX_SPAN_DAYS:
            raise forms.ValidationError(_("时间范围不能超过三年。"))
        data["since"], data["until"] = since, until
        return data

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """``[start, end)`` as aware datetimes in the site's time zone."""
        zone = timezone.get_current_timezone()
        since, until = self.cleaned_data["since"], self.cleaned_data["until"]
        return (dt.datetime.combine(since, dt.time.min, zone),
                dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, zone))
