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

FEED_SIZE = 30


@dataclass(frozen=True)
class FeedSource:
    slug: str
    model_label: str
    title: str


FEED_SOURCES = {
    "notices": FeedSource("notices", "cms.NoticePage", "通知公告"),
    "policies": FeedSource("policies", "cms.PolicyPage", "政策文件"),
}


def _summary(page) -> str:
    for attr in ("summary", "search_description", "intro"):
        value = getattr(page, attr, "")
        if value and isinstance(value, str):
            return value
    return ""


class PagesFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, source: str):
        try:
            self.source = FEED_SOURCES[source]
            self.model = apps.get_model(self.source.model_label)
        except (KeyError, LookupError):
            raise Http404("没有这个订阅源") from None
        self.site = Site.find_for_request(request)
        if self.site is None:
            raise Http404("没有站点")
        self.request = request
        return self.source

    def title(self, obj):
        return f"{self.site.site_name or settings.WAGTAIL_SITE_NAME} · {obj.title}"

    def link(self, obj):
        return self.site.root_url + "/"

    def description(self, obj):
        return f"{self.site.site_name or settings.WAGTAIL_SITE_NAME}最新{obj.title}"

    def items(self, obj):
        from cms.visibility import public_pages  # the one visibility rule (expired items drop out at once)

        pages = public_pages(self.model).descendant_of(self.site.root_page)
        return pages.specific().order_by("-first_published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return _summary(item)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_guid(self, item):
        return item.get_full_url(self.request)


class AtomPagesFeed(PagesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
