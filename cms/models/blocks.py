"""StreamField blocks for the repeatable elements of a record (materials, steps, locations,
FAQs, attachments). Their value keys are the schema's keys, so import/export copy them as is."""
from __future__ import annotations

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from django.utils.translation import gettext_lazy as _


class MaterialBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("材料名称"), max_length=255)
    form = blocks.CharBlock(label=_("材料形式"), required=False, max_length=50,
                            help_text=_("原件 / 复印件 / 电子材料"))
    copies = blocks.IntegerBlock(label=_("份数"), required=False, min_value=0)
    required = blocks.BooleanBlock(label=_("必需提交"), required=False, default=True)
    note = blocks.TextBlock(label=_("备注"), required=False)

    class Meta:
        label = _("申请材料")
        icon = "doc-full"


class StepBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("环节名称"), max_length=255)
    description = blocks.TextBlock(label=_("环节说明"), required=False)

    class Meta:
        label = _("办理环节")
        icon = "list-ol"


class LocationBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("办理地点名称"), max_length=255)
    address = blocks.CharBlock(label=_("地址"), required=False, max_length=255)
    hours = blocks.CharBlock(label=_("办公时间"), required=False, max_length=255)
    phone = blocks.CharBlock(label=_("联系电话"), required=False, max_length=60)

    class Meta:
        label = _("办理地点")
        icon = "site"


class FAQBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问题"), max_length=500)
    answer = blocks.TextBlock(label=_("解答"))

    class Meta:
        label = _("常见问题")
        icon = "help"


class AttachmentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("附件名称"), max_length=255)
    document = DocumentChooserBlock(label=_("文件"))

    class Meta:
        label = _("附件")
        icon = "doc-full-inverse"

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        return {
            "title": value.get("title"),
            "url": document.url if document else None,
            "file_extension": document.file_extension if document else None,
        }
