"""The officials' steps on an item, as a registry of transitions (no if-chains in the views).

Each ``Transition`` says from which states it may run, who may run it (any official of the
item's department, or only its 签发 group), the form of its parameters, and what it changes.
``perform`` runs one under a row lock (two officials clicking at once cannot both succeed), writes
the audit log and, after commit, tells the citizen and the officials concerned.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interaction import access, events
from interaction.abuse import LIMITS
from interaction.models import Interaction
from interaction.status import Status


class StepForm(forms.Form):
    """Parameters of a step; gets the item and the acting user for its choices."""

    def __init__(self, *args, item: Interaction, user, **kwargs):
        self.item, self.user = item, user
        super().__init__(*args, **kwargs)


class AssignForm(StepForm):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (access.members_of(self.item.department) if self.item.department
                                            else _no_users())
        self.fields["assignee"].initial = self.item.assignee_id or self.user.pk


def _no_users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.none()


class TransferForm(StepForm):
    department = forms.ModelChoiceField(label=_("转至部门"), queryset=None)
    reason = forms.CharField(label=_("转办理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        from cms.models import Department

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.exclude(pk=self.item.department_id).order_by("name")


class InfoRequestForm(StepForm):
    info_request = forms.CharField(label=_("需要群众补充的内容"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class DraftForm(StepForm):
    answer_draft = forms.CharField(label=_("答复内容"), max_length=LIMITS["content"] * 2,
                                   widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer_draft"].initial = self.item.answer_draft


class SignOffForm(StepForm):
    answer = forms.CharField(label=_("签发的答复内容"), max_length=LIMITS["content"] * 2,
                             widget=forms.Textarea(attrs={"rows": 10}))
    publish = forms.BooleanField(label=_("公开选登（仅当群众同意公开时生效）"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].initial = self.item.answer_draft
        self.fields["publish"].initial = self.item.publish_consent
        if not self.item.publish_consent:
            self.fields["publish"].disabled = True


class CommentForm(StepForm):
    comment = forms.CharField(label=_("意见"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class EmptyForm(StepForm):
    pass


@dataclass(frozen=True)
class Transition:
    name: str                                   # also the audit-log event
    label: str
    sources: frozenset
    target: str
    form: type[StepForm]
    apply: Callable[[Interaction, object, dict], dict] = field(repr=False)
    signers_only: bool = False
    needs: Callable[[Interaction], bool] = lambda item: True

    def allowed(self, item: Interaction, user) -> bool:
        if item.status not in self.sources or not self.needs(item):
            return False
        return access.can_sign_off(user, item) if self.signers_only else access.can_handle(user, item)


TRANSITIONS: dict[str, Transition] = {}


def transition(name, label, sources, target, form=EmptyForm, *, signers_only=False, needs=None):
    def decorator(func):
        TRANSITIONS[name] = Transition(name, label, frozenset(sources), target, form, func, signers_only,
                                       needs or (lambda item: True))
        return func
    return decorator


HANDLING = {Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS}


@transition("assigned", _("分派"), HANDLING, Status.ASSIGNED, AssignForm)
def _assign(item, user, data):
    item.assignee = data["assignee"]
    return {"assignee": item.assignee.get_username()}


@transition("transferred", _("转办"), HANDLING, Status.NEW, TransferForm)
def _transfer(item, user, data):
    old = item.department
    item.department, item.assignee = data["department"], None
    return {"from": old.name if old else "", "to": item.department.name, "reason": data["reason"]}


@transition("info_requested", _("要求补充材料"), {Status.ASSIGNED, Status.IN_PROGRESS}, Status.AWAITING_INFO,
            InfoRequestForm)
def _request_info(item, user, data):
    item.info_request = data["info_request"]
    return {"request": item.info_request}


@transition("drafted", _("保存答复草稿"), HANDLING, Status.IN_PROGRESS, DraftForm)
def _draft(item, user, data):
    item.answer_draft = data["answer_draft"]
    if item.assignee_id is None:
        item.assignee = user
    return {}


@transition("submitted_for_signoff", _("提交签发"), {Status.IN_PROGRESS}, Status.AWAITING_SIGNOFF,
            needs=lambda item: bool(item.answer_draft.strip()))
def _submit_for_signoff(item, user, data):
    return {}


@transition("signoff_rejected", _("退回修改"), {Status.AWAITING_SIGNOFF}, Status.IN_PROGRESS, CommentForm,
            signers_only=True)
def _reject(item, user, data):
    return {"comment": data["comment"]}


@transition("answered", _("签发并答复"), {Status.AWAITING_SIGNOFF}, Status.ANSWERED, SignOffForm,
            signers_only=True)
def _sign_off(item, user, data):
    item.answer = data["answer"]
    item.answer_draft = data["answer"]
    item.answered_at, item.answered_by = timezone.now(), user
    item.is_published = bool(data.get("publish")) and item.publish_consent
    return {"published": item.is_published}


@transition("closed", _("办结"), {Status.ANSWERED}, Status.CLOSED)
def _close(item, user, data):
    item.closed_at = timezone.now()
    return {}


def available(item: Interaction, user) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if t.allowed(item, user)]


class StepRefused(Exception):
    """The step is not possible in the item's state (someone else was quicker)."""


def perform(item: Interaction, name: str, user, data: dict) -> Interaction:
    """Run transition ``name`` with validated ``data``; raises ``PermissionDenied`` or ``StepRefused``."""
    step = TRANSITIONS[name]
    with transaction.atomic():
        locked = Interaction.objects.select_for_update().get(pk=item.pk)
        if not (step.signers_only and access.can_sign_off(user, locked) or
                not step.signers_only and access.can_handle(user, locked)):
            raise PermissionDenied
        if locked.status not in step.sources or not step.needs(locked):
            raise StepRefused(_("该事项当前状态为“%(status)s”，不能执行“%(step)s”。")
                              % {"status": locked.get_status_display(), "step": step.label})
        details = step.apply(locked, user, data) or {}
        locked.status = step.target
        locked.save()
        events.record(locked, name, user=user, data=details)
        transaction.on_commit(lambda: events.after_step(locked, name))
    return locked


def citizen_step(item: Interaction, name: str, **changes) -> Interaction:
    """The citizen's own steps (supplying information, rating the answer), authorised by the code."""
    rules = {
        "info_supplied": ({Status.AWAITING_INFO}, Status.IN_PROGRESS),
        "rated": ({Status.ANSWERED, Status.CLOSED}, Status.CLOSED),
    }
    sources, target = rules[name]
    with transaction.atomic():
        locked = Interaction.objects.select_for_update().get(pk=item.pk)
        if locked.status not in sources:
            raise StepRefused(_("该事项当前状态为“%(status)s”，不能执行此操作。") % {"status": locked.get_status_display()})
        if name == "rated" and locked.satisfaction:
            raise StepRefused(_("您已评价过该答复。"))
        for key, value in changes.items():
            setattr(locked, key, value)
        if name == "rated":
            locked.rated_at = timezone.now()
            locked.closed_at = locked.closed_at or locked.rated_at
        locked.status = target
        locked.save()
        events.record(locked, name, user=None, data={k: str(v)[:200] for k, v in changes.items()})
    return locked


def validate_step(name: str, item, user, data) -> StepForm:
    form = TRANSITIONS[name].form(data, item=item, user=user)
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form
