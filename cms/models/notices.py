"""通知公告: a notice with priority, publication and expiry time, and attachments."""
from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from cms.models.base import GovernmentPage
from cms.vocabulary import ContentType, NoticePriority
from django.utils.translation import gettext_lazy as _


class NoticePage(GovernmentPage):
    record_type = "notice"

    Priority = NoticePriority

    priority = models.CharField(_("重要程度"), max_length=20, choices=Priority.choices,
                                default=Priority.NORMAL)

    parent_page_types = ["cms.DepartmentSectionPage"]
    subpage_types: list[str] = []

    content_panels = GovernmentPage.content_panels + [FieldPanel("priority")]
    search_fields = GovernmentPage.search_fields + [index.FilterField("priority")]
    api_fields = GovernmentPage.api_fields + [APIField("priority")]

    class Meta:
        verbose_name = ContentType.NOTICE.label
        verbose_name_plural = ContentType.NOTICE.label
