"""Periodic work of `search`, run by ``manage.py run_periodic``: catch up on the indexing outbox
after an engine outage even when nothing new is published, and recreate a lost index (a wiped or
new cluster) from the database copies (only with an engine configured)."""
from django.conf import settings

from ops.periodic import register_periodic_job


@register_periodic_job("search.drain_outbox", interval=10, enabled=lambda: bool(settings.ELASTICSEARCH_URL))
def drain_search_outbox() -> None:
    from search.engine.index import catch_up

    catch_up(raise_errors=False)
