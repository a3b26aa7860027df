"""Search analytics are personal data (what someone looked for): kept RETENTION_ANALYTICS_DAYS."""
from __future__ import annotations

from config.retention import register_purge


@register_purge("search.querylog", setting="RETENTION_ANALYTICS_DAYS")
def purge_query_log(before) -> int:
    from search.models import QueryLog

    return QueryLog.objects.filter(created_at__lt=before).delete()[0]


@register_purge("search.clicklog", setting="RETENTION_ANALYTICS_DAYS")
def purge_click_log(before) -> int:
    from search.models import ClickLog

    return ClickLog.objects.filter(created_at__lt=before).delete()[0]
