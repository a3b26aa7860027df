"""办事指南: a service item with every national element (content.schema.json `service_guide`)."""
from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.panels import TabbedInterface, ObjectList
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from django.utils.translation import gettext_lazy as _
from django.utils.text import format_lazy

from cms.models.base import GovernmentPage
from cms.vocabulary import ContentType
from cms.models.blocks import FAQBlock, LocationBlock, MaterialBlock, StepBlock
from config.safe_url import validate_http_url
from config.i18n import join_list_lazy

ITEM_TYPE_SUGGESTIONS = ["行政许可", "行政确认", "行政给付", "行政裁决", "公共服务", "其他行政权力"]


class ServiceGuidePage(GovernmentPage):
    record_type = "service_guide"

    item_code = models.CharField(_("事项编码"), max_length=100, blank=True, db_index=True)
    item_type = models.CharField(_("事项类型"), max_length=50, blank=True,
                                 help_text=format_lazy(_("如：{examples}"), examples=join_list_lazy(ITEM_TYPE_SUGGESTIONS)))
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    materials = StreamField([("material", MaterialBlock())], blank=True, verbose_name=_("申请材料"))
    procedure = StreamField([("step", StepBlock())], blank=True, verbose_name=_("办理流程"))
    statutory_time_limit_days = models.PositiveIntegerField(_("法定办结时限（工作日）"), null=True, blank=True)
    promised_time_limit_days = models.PositiveIntegerField(_("承诺办结时限（工作日）"), null=True, blank=True)
    fees = models.TextField("收费标准", blank=True, help_text="免费时填写“不收费”")
    locations = StreamField([("location", LocationBlock())], blank=True, verbose_name=_("办理地点"))
    online_url = models.CharField(_("网上办理地址"), max_length=500, blank=True, validators=[validate_http_url],
                                  help_text=_("以 http:// 或 https:// 开头"))
    consultation_phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=100, blank=True)
    faqs = StreamField([("faq", FAQBlock())], blank=True, verbose_name=_("常见问题"))

    parent_page_types = ["cms.DepartmentSectionPage"]
    subpage_types: list[str] = []

    guide_panels = [
        MultiFieldPanel([FieldRowPanel([FieldPanel("item_code"), FieldPanel("item_type")]),
                         FieldPanel("legal_basis"), FieldPanel("conditions")], heading=_("事项信息")),
        FieldPanel("materials"),
        FieldPanel("procedure"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("statutory_time_limit_days"),
                                        FieldPanel("promised_time_limit_days")]),
                         FieldPanel("fees")], heading="时限与收费"),
        FieldPanel("locations"),
        MultiFieldPanel([FieldPanel("online_url"), FieldRowPanel([FieldPanel("consultation_phone"),
                                                                  FieldPanel("complaint_phone")])],
                        heading=_("网办与咨询")),
        FieldPanel("faqs"),
    ]
    edit_handler = TabbedInterface([
        ObjectList(GovernmentPage.content_panels, heading=_("基本信息")),
        ObjectList(guide_panels, heading=_("办事要素")),
        ObjectList(GovernmentPage.promote_panels, heading=_("推广")),
        ObjectList(GovernmentPage.settings_panels, heading=_("设置")),
    ])

    search_fields = GovernmentPage.search_fields + [
        index.SearchField("item_code"),
        index.SearchField("item_type"),
        index.SearchField("conditions"),
        index.SearchField("materials"),
        index.SearchField("faqs"),
        index.FilterField("item_type"),
    ]

    api_fields = GovernmentPage.api_fields + [
        APIField(name) for name in (
            "item_code", "item_type", "legal_basis", "conditions", "materials", "procedure",
            "statutory_time_limit_days", "promised_time_limit_days", "fees", "locations",
            "online_url", "consultation_phone", "complaint_phone", "faqs")
    ]

    class Meta:
        verbose_name = ContentType.SERVICE_GUIDE.label
        verbose_name_plural = ContentType.SERVICE_GUIDE.label

    def is_free(self) -> bool:
        return not self.fees or self.fees.strip() in {"不收费", "免费", "0"}
