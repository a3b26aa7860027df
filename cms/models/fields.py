"""Model fields the content types share."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from config.i18n import join_list


class MultipleChoiceJSONField(models.JSONField):
    """A list of choices stored as JSON (works on SQLite and PostgreSQL alike), edited as
    checkboxes. Used for `audience` (个人 / 法人) so the value is the schema's array as is."""

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _ in self.item_choices}
        if not isinstance(value, list) or any(item not in allowed for item in value):
            raise ValidationError(gettext("只能选择：%(choices)s") % {"choices": join_list(sorted(allowed))})

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices, required=not self.blank, label=self.verbose_name,
            help_text=self.help_text, widget=forms.CheckboxSelectMultiple,
        )
