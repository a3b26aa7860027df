"""The site tree: HomePage → one index per content type → one section per department → items.

The department section is what per-department permissions and workflows are attached to."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
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

    intro = RichTextField(_("导语"), blank=True, features=INTRO_FEATURES)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ServiceGuideIndexPage", "cms.NoticeIndexPage", "cms.PolicyIndexPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def route(self, request, path_components):
        """Find a page below the home by its ``url_path`` in one look-up, instead of Wagtail's walk
        of one query pair per level (3 levels to a service guide). Taken only when no page on the
        way routes by itself (a routable page answers sub-paths that are not pages); anything else
        (not found, not live) goes the standard way, which decides exactly as before."""
        if path_components:
            target = self._page_at(path_components)
            if target is not None:
                return target.route(request, [])
        return super().route(request, path_components)

    def _page_at(self, path_components):
        url_path = self.url_path + "/".join(path_components) + "/"
        found = (Page.objects.filter(url_path=url_path, path__startswith=self.path)
                 .values_list("pk", "path", "content_type").first())
        if found is None:
            return None
        pk, path, content_type = found
        between = [path[:end] for end in range(len(self.path) + Page.steplen, len(path), Page.steplen)]
        type_ids = set(Page.objects.filter(path__in=between).values_list("content_type", flat=True)) if between else set()
        models = [ContentType.objects.get_for_id(type_id).model_class() for type_id in (*type_ids, content_type)]
        if None in models or any(model.route is not Page.route for model in models[:-1]):
            return None
        return models[-1].objects.get(pk=pk)

    def get_context(self, request, *args, **kwargs):
        """``indexes`` and ``sections`` are looked up only when the template renders them: the
        template keeps that part as a cached fragment, so most views never run these queries."""
        context = super().get_context(request, *args, **kwargs)
        indexes = SimpleLazyObject(lambda: list(self.get_children().live().public().specific()))
        context["indexes"] = indexes
        context["sections"] = SimpleLazyObject(lambda: [
            {"index": index_page, "items": index_page.items().order_by("-published_at")[:5]}
            for index_page in indexes if isinstance(index_page, ContentIndexPage)
        ])
        return context


class ContentIndexPage(Page):
    """Base of the three index pages: lists live, public, unexpired items of ``content_model``
    under it, with filters (department, topic, year, and status for policies), sort and pages."""

    content_model: type = Page
    status_filter = False

    intro = RichTextField(_("导语"), blank=True, features=INTRO_FEATURES)

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
        context["statuses"] = PolicyPage.Status.choices if self.status_filter else []  # (value, label)
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
