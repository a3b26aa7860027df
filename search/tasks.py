"""Background work of `search` (django-tasks): draining the indexing outbox."""
from django_tasks import task

from search import engine


@task()
def drain_search_outbox() -> int:
    """Send pending outbox rows to Elasticsearch in bulk; rows stay pending if it is down."""
    return engine.drain_outbox(raise_errors=False)
