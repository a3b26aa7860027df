"""What happens when public content changes: one place that the signal handlers (Wagtail's
publish/unpublish/delete, the cms app's expiry) call, which records the outbox event, makes the
API's cached responses stale, and asks the front-end cache to purge the affected URLs."""
from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Max

from cms.delivery.caching import content_changed
from cms.delivery.events import record_event
from cms.delivery.models import ContentEvent

logger = logging.getLogger(__name__)


def public_content_changed(event: str, page) -> None:
    from cms.delivery.purge import urls_for_page
    from cms.delivery.tasks import purge_urls

    content_event = record_event(event, page)
    content_changed()
    urls = urls_for_page(content_event.payload["content"])

    def purge():
        try:
            purge_urls.enqueue(urls)
        except Exception:  # a purge is an optimisation: never fail the publish for it
            logger.exception("could not enqueue the cache purge for page %s", page.pk)

    transaction.on_commit(purge)


def latest_change():
    """When public content last changed (publish, unpublish, delete, expiry), or None."""
    return ContentEvent.objects.aggregate(latest=Max("created_at"))["latest"]
