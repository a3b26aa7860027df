"""RSS 2.0 and Atom feeds of the latest notices and policy documents of the requesting Site.

Page models are looked up by label at request time (``cms.NoticePage``, ``cms.PolicyPage``), so
the feeds depend only on Wagtail's page API, not on the cms app's internals."""
from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.models import Site
from django.utils.translation import gettext, gettext_lazy as _

FEED_SIZE = 30


@dataclass(frozen=True)
class FeedSource:
    slug: str
    model_label: str
    title: str


FEED_SOURCES = {
    "notices": FeedSource("notices", "cms.NoticePage", _("通知公告")),
    "policies": FeedSource("policies", "cms.PolicyPage", _("政策文件")),
}


def _summary(page) -> str:
    for attr in ("summary", "search_description", "intro"):
        value = getattr(page, attr, "")
        if value and isinstance(value, str):
            return value
    return ""


def _department_home(site):
    """The site's root when it is a department's site (themes.catalogue.SharedCataloguePage)."""
    from themes.catalogue import SharedCataloguePage

    root = site.root_page.specific
    return root if isinstance(root, SharedCataloguePage) else None


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


class PagesFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, source: str):
        try:
            self.source = FEED_SOURCES[source]
            self.model = apps.get_model(self.source.model_label)
        except (KeyError, LookupError):
            raise Http404(gettext("没有这个订阅源")) from None
        self.site = Site.find_for_request(request)
        if self.site is None:
            raise Http404(gettext("没有站点"))
        self.request = request
        return self.source

    def title(self, obj):
        return f"{self.site.site_name or settings.WAGTAIL_SITE_NAME} · {obj.title}"

    def link(self, obj):
        return self.site.root_url + "/"

    def description(self, obj):
        return gettext("%(site)s最新%(feed)s") % {"site": self.site.site_name or settings.WAGTAIL_SITE_NAME, "feed": obj.title}

    def items(self, obj):
        from cms.visibility import public_pages  # the one visibility rule (expired items drop out at once)

        department_home = _department_home(self.site)
        if department_home is not None:  # a department's site: its department's items, served there
            self.item_base = department_home.get_url(self.request)
            pages = public_pages(self.model).filter(department_id=department_home.department_id)
        else:
            self.item_base = None
            pages = public_pages(self.model).descendant_of(self.site.root_page)
        # Newest 发布日期 first (``published_at``), not when the CMS loaded or saved the page.
        ordering = ["-published_at", "-first_published_at", "-pk"] if _has_field(self.model, "published_at") else ["-first_published_at", "-pk"]
        return pages.specific().order_by(*ordering)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return _summary(item)

    def item_link(self, item):
        if getattr(self, "item_base", None):
            return self.request.build_absolute_uri(f"{self.item_base}{self.source.slug}/{item.slug}/")
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return getattr(item, "published_at", None) or item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_guid(self, item):
        return self.item_link(item)


class AtomPagesFeed(PagesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
