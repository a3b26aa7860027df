"""The search analytics report in the Wagtail admin (Reports → 搜索统计)."""
from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Max
from django.shortcuts import render
from django.utils import timezone

from search import analytics
from search.models import ClickLog, QueryLog

PERIODS = {"7": 7, "30": 30, "90": 90}


def can_view_report(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("search.view_querylog"))


def report_data(days: int, limit: int = 50) -> dict:
    since = timezone.now() - timedelta(days=days)
    queries = QueryLog.objects.filter(created_at__gte=since)
    clicks = ClickLog.objects.filter(created_at__gte=since)
    click_counts = dict(clicks.values_list("query").annotate(n=Count("id")).values_list("query", "n"))
    top = list(queries.values("query").annotate(searches=Count("id"), avg_results=Avg("results"),
                                                last=Max("created_at")).order_by("-searches", "query")[:limit])
    for row in top:
        row["clicks"] = click_counts.get(row["query"], 0)
        row["click_rate"] = round(100 * row["clicks"] / row["searches"]) if row["searches"] else 0
    zero = list(queries.filter(results=0).values("query").annotate(searches=Count("id"), last=Max("created_at"))
                .order_by("-searches", "query")[:limit])
    return {
        "days": days, "top": top, "zero": zero,
        "total_searches": queries.count(), "zero_searches": queries.filter(results=0).count(),
        "total_clicks": clicks.count(),
        "top_clicked": list(clicks.values("url").annotate(n=Count("id")).order_by("-n")[:20]),
    }


def search_report(request):
    if not can_view_report(request.user):
        raise PermissionDenied
    days = PERIODS.get(request.GET.get("days", "30"), 30)
    analytics.flush()  # what this process still buffers (search.analytics)
    context = report_data(days) | {"periods": PERIODS}
    return render(request, "search/admin/report.html", context)
