"""Admin integration: synonyms and promoted results as snippets under a 搜索 menu, and the search
analytics report (top queries, zero-result queries, clicks)."""
from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search import admin_views
from search.models import PromotedResult, Synonym
from django.utils.translation import gettext_lazy as _


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "resubmit"
    menu_label = _("同义词")
    list_display = ["terms", "expands_to", "enabled"]
    search_fields = ["terms", "expands_to"]


class PromotedResultViewSet(SnippetViewSet):
    model = PromotedResult
    icon = "pick"
    menu_label = _("推荐结果")
    list_display = ["query", "page", "sort_order"]
    search_fields = ["query"]


class SearchAdminGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, PromotedResultViewSet)
    menu_icon = "search"
    menu_label = _("搜索管理")
    menu_name = "search-admin"


register_snippet(SearchAdminGroup)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("search/report/", admin_views.search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view_report(request.user)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(_("搜索统计"), reverse("search_report"), icon_name="search", order=900)
