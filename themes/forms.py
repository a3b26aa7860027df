"""Editor forms: images cannot be saved without alternative text (WCAG 1.1.1)."""
from __future__ import annotations

from wagtail.images.forms import BaseImageForm
from django.utils.translation import gettext


class AltTextRequiredImageForm(BaseImageForm):
    """Wagtail's image form with ``description`` (the image's alt text) required. Wagtail's
    multiple uploader copes with a required field: it keeps the file and asks for the text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            field.required = True
            field.label = gettext("替代文本（图片说明）")
            field.help_text = gettext("向看不到图片的读者（如使用读屏软件的视障人士）说明图片内容，必填。")
