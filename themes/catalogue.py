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
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


SECTIONS = {
    # URL segment → (page model label, heading); the department's own notices and policies
    "notices": ("cms.NoticePage", _("通知公告")),
    "policies": ("cms.PolicyPage", _("政策文件")),
}


def section_items(section: str, department_id):
    """The department's live public items of one section (nothing for a site without a department)."""
    from django.apps import apps

    model = apps.get_model(SECTIONS[section][0])
    items = model.objects.live_public().select_related("department")
    return items.filter(department_id=department_id) if department_id else items.none()


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

    # The department's own sections, before the guides' catch-all ``<slug>/``: its notices and
    # policies (pages of the city's tree, filtered by department, served here in this theme).
    @path("notices/", name="notices")
    def notices(self, request):
        return self._section(request, "notices")

    @path("policies/", name="policies")
    def policies(self, request):
        return self._section(request, "policies")

    @path("notices/<slug:slug>/", name="notice")
    def notice(self, request, slug):
        return self._item(request, "notices", slug)

    @path("policies/<slug:slug>/", name="policy")
    def policy(self, request, slug):
        return self._item(request, "policies", slug)

    def _section(self, request, section):
        from cms.listing import build_listing

        items = section_items(section, self.department_id)
        context = self.get_context(request)
        context.update(section=section, section_title=SECTIONS[section][1], item_route={"notices": "notice", "policies": "policy"}[section],
                       listing=build_listing(items, request.GET), statuses=[])
        return TemplateResponse(request, "themes/department_section.html", context)

    def _item(self, request, section, slug):
        item = section_items(section, self.department_id).filter(slug=slug).first()
        if item is None:
            raise Http404("没有这个页面")
        item = item.specific
        context = item.get_context(request)
        context.update(catalogue=self, canonical_url=item.get_full_url(request))
        return TemplateResponse(request, item.get_template(request), context)

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
            for section in SECTIONS:
                urls += [{"location": f"{base}{section}/"}] + [
                    {"location": f"{base}{section}/{item.slug}/", "lastmod": item.last_published_at}
                    for item in section_items(section, self.department_id)]
        return urls
