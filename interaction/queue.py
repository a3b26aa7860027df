"""The department queue: which items an official sees, filtered and ordered, and the rows as
shown in lists and exports (personal data masked). Shared by the admin views and the exports."""
from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interaction.access import departments_of, visible_items
from interaction.deadlines import deadline_state
from interaction.kinds import kind_choices
from interaction.privacy import mask_name, mask_phone
from interaction.status import OPEN, Status

DEADLINE_FILTERS = (("", _("全部")), ("overdue", _("已超期")), ("near", _("即将到期")))


class QueueFilter(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), ("open", _("未办结")),
                                                                        *Status.choices])
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("全部")), *kind_choices()])
    department = forms.ModelChoiceField(label=_("部门"), required=False, queryset=None, to_field_name="slug")
    deadline = forms.ChoiceField(label=_("期限"), required=False, choices=DEADLINE_FILTERS)
    mine = forms.BooleanField(label=_("只看我的"), required=False)
    q = forms.CharField(label=_("受理编号或标题"), required=False, max_length=50)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["department"].queryset = departments_of(user).order_by("name")

    def items(self):
        """The filtered queryset (call after ``is_valid()``); bad filters are ignored, not 500s."""
        data = self.cleaned_data if self.is_valid() else {}
        items = visible_items(self.user).select_related("department", "assignee")
        status = data.get("status")
        if status == "open":
            items = items.filter(status__in=OPEN)
        elif status:
            items = items.filter(status=status)
        if data.get("kind"):
            items = items.filter(kind=data["kind"])
        if data.get("department"):
            items = items.filter(department=data["department"])
        if data.get("mine"):
            items = items.filter(assignee=self.user)
        now = timezone.now()
        if data.get("deadline") == "overdue":
            items = items.overdue(now)
        elif data.get("deadline") == "near":
            from workdays import add_working_days
            from django.conf import settings

            limit = add_working_days(now, settings.INTERACTION_NEAR_DEADLINE_DAYS + 1)
            items = items.open().filter(deadline__gte=now, deadline__lt=limit)
        if data.get("q"):
            q = data["q"].strip()
            items = items.filter(Q(tracking_number__startswith=q) | Q(subject__icontains=q))
        return items.order_by("deadline", "id") if status in ("open", *OPEN) else items.order_by("-submitted_at", "-id")


@dataclass(frozen=True)
class Row:
    """One item as lists and exports show it: names and phones masked."""

    pk: int
    tracking_number: str
    kind: str
    subject: str
    department: str
    status: str
    status_key: str
    assignee: str
    name: str
    phone: str
    submitted_at: object
    deadline: object
    deadline_key: str
    deadline_label: str
    days_left: float
    satisfaction: str


def row(item, now=None) -> Row:
    state = deadline_state(item, now)
    return Row(
        pk=item.pk, tracking_number=item.tracking_number, kind=item.kind_label, subject=item.subject,
        department=item.department.name if item.department else "", status=item.get_status_display(),
        status_key=item.status, assignee=item.assignee.get_username() if item.assignee else "",
        name=mask_name(item.name), phone=mask_phone(item.phone),
        submitted_at=timezone.localtime(item.submitted_at), deadline=timezone.localtime(item.deadline),
        deadline_key=state.key, deadline_label=state.label, days_left=state.days_left,
        satisfaction=item.get_satisfaction_display() if item.satisfaction else "",
    )
