"""The site tree: HomePage → one index per content type → one section per department → items.

The department section is what per-department permissions and workflows are attached to."""
from __future__ import annotations

from django.db import models
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.listing import build_listing
from cms.models.notices import NoticePage
from cms.models.policies import PolicyPage
from cms.models.services import ServiceGuidePage
from django.utils.translation import gettext_lazy as _

INTRO_FEATURES = ["bold", "italic", "link"]


class HomePage(Page):
    """The site's home: leads to the three indexes and shows what is new."""

    intro = RichTextField("导语", blank=True, features=INTRO_FEATURES)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ServiceGuideIndexPage", "cms.NoticeIndexPage", "cms.PolicyIndexPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        indexes = [child.specific for child in self.get_children().live().public()]
        context["indexes"] = indexes
        context["sections"] = [
            {"index": index_page, "items": index_page.items().order_by("-published_at")[:5]}
            for index_page in indexes if isinstance(index_page, ContentIndexPage)
        ]
        return context


class ContentIndexPage(Page):
    """Base of the three index pages: lists live, public, unexpired items of ``content_model``
    under it, with filters (department, topic, year, and status for policies), sort and pages."""

    content_model: type = Page
    status_filter = False

    intro = RichTextField("导语", blank=True, features=INTRO_FEATURES)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.DepartmentSectionPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True

    def items(self):
        return (self.content_model.objects.live_public().descendant_of(self)
                .select_related("department").prefetch_related("topics"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        statuses = [value for value, _ in PolicyPage.Status.choices] if self.status_filter else None
        context["listing"] = build_listing(self.items(), request.GET, statuses=statuses)
        context["statuses"] = statuses or []
        return context


class ServiceGuideIndexPage(ContentIndexPage):
    content_model = ServiceGuidePage

    class Meta:
        verbose_name = _("办事指南栏目")
        verbose_name_plural = _("办事指南栏目")


class NoticeIndexPage(ContentIndexPage):
    content_model = NoticePage

    class Meta:
        verbose_name = _("通知公告栏目")
        verbose_name_plural = _("通知公告栏目")


class PolicyIndexPage(ContentIndexPage):
    content_model = PolicyPage
    status_filter = True

    class Meta:
        verbose_name = _("政策文件栏目")
        verbose_name_plural = _("政策文件栏目")


class DepartmentSectionPage(Page):
    """One department's folder under an index. Permissions (GroupPagePermission) and the
    approval workflow are attached here, so each department edits only its own section.
    Publicly it redirects to the index filtered by the department."""

    department = models.ForeignKey("cms.Department", on_delete=models.PROTECT, related_name="sections",
                                   verbose_name=_("部门"))

    parent_page_types = ["cms.ServiceGuideIndexPage", "cms.NoticeIndexPage", "cms.PolicyIndexPage"]
    subpage_types = ["cms.ServiceGuidePage", "cms.NoticePage", "cms.PolicyPage"]
    content_panels = Page.content_panels + [FieldPanel("department")]

    class Meta:
        verbose_name = _("部门栏目")
        verbose_name_plural = _("部门栏目")

    def serve(self, request, *args, **kwargs):
        return redirect(f"{self.get_parent().url}?department={self.department.slug}")
