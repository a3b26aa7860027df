"""政策文件: a disclosed government document with 文号, 索引号, dates and validity status.
A repealed or revised policy links to what replaced it (``replaced_by``)."""
from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.search import index

from cms.models.base import GovernmentPage
from cms.vocabulary import ContentType, PolicyStatus
from django.utils.translation import gettext_lazy as _


class PolicyPage(GovernmentPage):
    record_type = "policy"

    Status = PolicyStatus

    doc_number = models.CharField(_("文号"), max_length=100, blank=True, db_index=True,
                                  help_text=_("如：明市监规〔2024〕3号"))
    index_number = models.CharField(_("索引号"), max_length=100, blank=True)
    issuer = models.CharField(_("发布机构"), max_length=255, blank=True, help_text=_("与发布部门不同时填写"))
    written_at = models.DateField(_("成文日期"), null=True, blank=True)
    effective_at = models.DateField(_("生效日期"), null=True, blank=True)
    status = models.CharField(_("有效性"), max_length=10, choices=Status.choices, default=Status.VALID,
                              db_index=True)
    theme_category = models.CharField(_("主题分类"), max_length=100, blank=True)
    replaced_by = models.ForeignKey("cms.PolicyPage", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="replaces", verbose_name=_("替代文件"),
                                    help_text=_("废止或修订时，指向替代它的新文件"))

    parent_page_types = ["cms.DepartmentSectionPage"]
    subpage_types: list[str] = []

    content_panels = GovernmentPage.content_panels + [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("doc_number"), FieldPanel("index_number")]),
            FieldPanel("issuer"),
            FieldRowPanel([FieldPanel("written_at"), FieldPanel("effective_at")]),
            FieldRowPanel([FieldPanel("status"), FieldPanel("theme_category")]),
            PageChooserPanel("replaced_by", "cms.PolicyPage"),
        ], heading=_("文件要素")),
    ]
    search_fields = GovernmentPage.search_fields + [
        index.SearchField("doc_number", boost=3),
        index.AutocompleteField("doc_number"),
        index.SearchField("issuer"),
        index.SearchField("theme_category"),
        index.FilterField("status"),
        index.FilterField("written_at"),
    ]
    api_fields = GovernmentPage.api_fields + [
        APIField(name) for name in ("doc_number", "index_number", "issuer", "written_at",
                                    "effective_at", "status", "theme_category")
    ] + [APIField("replaced_by")]

    class Meta:
        verbose_name = ContentType.POLICY.label
        verbose_name_plural = ContentType.POLICY.label

    def is_in_force(self) -> bool:
        return self.status == self.Status.VALID

    def is_superseded(self) -> bool:
        return self.status in {self.Status.REPEALED, self.Status.REVISED, self.Status.INVALID}
