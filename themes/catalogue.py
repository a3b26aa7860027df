"""A department site's home that shares the city's service-guide catalogue.

The department's Wagtail Site gets its own root page (``SharedCataloguePage``) instead of a copy
of the catalogue: it lists the live service guides of the whole installation (its department's
first) and serves each guide at ``/<slug>/`` on the department's host, rendered by the guide's
own template in the department's theme, with a canonical link to the guide's own address. No page
is duplicated, so search, export and editing see each guide once."""
from __future__ import annotations

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


def shared_guides():
    from cms.models import ServiceGuidePage

    return ServiceGuidePage.objects.live_public().select_related("department").prefetch_related("topics")


class SharedCataloguePage(RoutablePageMixin, Page):
    """Home of a department's site: the shared service-guide catalogue in the site's theme."""

    intro = RichTextField("导语", blank=True, features=["bold", "link"])
    department = models.ForeignKey("cms.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="本部门",
                                   help_text="本部门的办事指南排在前面")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("department")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    template = "themes/shared_catalogue_page.html"

    class Meta:
        verbose_name = "部门网站首页（共享办事指南）"

    @path("")
    def home(self, request):
        from cms.listing import build_listing

        guides = shared_guides()
        own = list(guides.filter(department=self.department).order_by("-published_at")[:8]) if self.department_id else []
        context = self.get_context(request)
        context.update(own_guides=own, listing=build_listing(guides, request.GET), statuses=[])
        return TemplateResponse(request, self.get_template(request), context)

    @path("<slug:slug>/", name="guide")
    def guide(self, request, slug):
        guide = shared_guides().filter(slug=slug).first()
        if guide is None:
            raise Http404("没有这个办事指南")
        context = guide.get_context(request)
        context.update(catalogue=self, canonical_url=guide.get_full_url(request))
        return TemplateResponse(request, guide.get_template(request), context)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base:
            urls += [{"location": f"{base}{guide.slug}/", "lastmod": guide.last_published_at}
                     for guide in shared_guides()]
        return urls
