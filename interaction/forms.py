"""The citizen's forms. The same ``SubmissionForm`` validates the HTML form and the API's JSON
(one source of truth for every field rule); attachments come only through the HTML form."""
from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from interaction.abuse import LIMITS
from interaction.kinds import kind_choices
from interaction.models.ratings import GRADES, RATING_REASONS
from interaction.status import Satisfaction

PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,18}[0-9]$")

def clean_phone(value: str, required: bool = True) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError(_("请填写联系电话。"), code="required")
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE.match(value) or not 7 <= len(digits) <= 15:
        raise ValidationError(_("电话号码格式不正确。"), code="invalid")
    return digits

class DepartmentField(forms.ModelChoiceField):
    """A department by slug; empty means "don't know" (the city's office dispatches it)."""

    def __init__(self, **kwargs):
        from cms.models import Department

        super().__init__(queryset=Department.objects.order_by("name"), to_field_name="slug", required=False,
                         empty_label=_("不清楚，由市政府办公室分办"), **kwargs)

class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > settings.INTERACTION_ATTACHMENT_MAX_COUNT:
            raise ValidationError(_("最多上传 %(n)s 个附件。") % {"n": settings.INTERACTION_ATTACHMENT_MAX_COUNT})
        return [f for f in files if f]

class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=kind_choices(public_only=True))
    department = DepartmentField(label=_("受理部门"))
    subject = forms.CharField(label=_("标题"), max_length=LIMITS["subject"], min_length=4)
    content = forms.CharField(label=_("内容"), max_length=LIMITS["content"], min_length=10,
                              widget=forms.Textarea(attrs={"rows": 8}))
    name = forms.CharField(label=_("姓名"), max_length=LIMITS["name"])
    phone = forms.CharField(label=_("手机号码"), max_length=LIMITS["phone"],
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    email = forms.EmailField(label=_("电子邮箱"), max_length=LIMITS["email"], required=False)
    publish_consent = forms.BooleanField(label=_("同意在答复后公开选登（公开时隐去个人信息）"), required=False)
    privacy_consent = forms.BooleanField(label=_("我已阅读并同意隐私声明"), required=True,
                                         error_messages={"required": _("请阅读并同意隐私声明。")})
    attachments = AttachmentsField(label=_("附件"), required=False,
                                   help_text=_("可选，最多 3 个，JPG、PNG 或 PDF，每个不超过 5 MB。"))
    # the honeypot: hidden from people (CSS and aria-hidden), bots fill it in
    website = forms.CharField(label=_("网址（请勿填写）"), required=False)

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_name(self):
        return self.cleaned_data["name"].strip()

class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("受理编号"), max_length=20)
    code = forms.CharField(label=_("查询码"), max_length=20)

class SupplementForm(TrackForm):
    info_reply = forms.CharField(label=_("补充内容"), max_length=LIMITS["info_reply"], min_length=2,
                                 widget=forms.Textarea(attrs={"rows": 5}))

class AnswerRatingForm(TrackForm):
    satisfaction = forms.ChoiceField(label=_("您对答复是否满意"), choices=Satisfaction.choices,
                                     widget=forms.RadioSelect)

class ServiceRatingForm(forms.Form):
    grade = forms.TypedChoiceField(label=_("您对本项服务的评价"), coerce=int,
                                   choices=sorted(GRADES.items(), reverse=True), widget=forms.RadioSelect)
    reasons = forms.MultipleChoiceField(label=_("原因（可多选）"), choices=list(RATING_REASONS.items()),
                                        required=False, widget=forms.CheckboxSelectMultiple)
    comment = forms.CharField(label=_("意见和建议"), max_length=LIMITS["comment"], required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    contact_name = forms.CharField(label=_("联系人（可选）"), max_length=LIMITS["name"], required=False)
    contact_phone = forms.CharField(label=_("联系电话（可选，用于整改答复）"), max_length=LIMITS["phone"], required=False)
    contact_email = forms.EmailField(label=_("电子邮箱（可选）"), max_length=LIMITS["email"], required=False)
    website = forms.CharField(label=_("网址（请勿填写）"), required=False)

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data.get("contact_phone", ""), required=False)

