"""What happens when public content changes: one place that the signal handlers (Wagtail's
publish/unpublish/delete/move, the cms app's expiry, privacy changes) call, which records the
outbox event, makes every cached API response and HTML page stale (a new content generation,
shared by all processes through the cache), and asks the front-end caches to purge the
affected URLs after the commit."""
from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Max

from cms.delivery.caching import content_changed
from cms.delivery.events import record_event
from cms.delivery.models import ContentEvent

logger = logging.getLogger(__name__)


def public_content_changed(event: str, page, *, extra_urls: list[str] = ()) -> None:
    from cms.delivery.purge import urls_for_page

    content_event = record_event(event, page)
    content_changed()
    purge_after_commit(urls_for_page(content_event.payload["content"]) + ancestor_urls(page) + list(extra_urls),
                       page_id=page.pk)


def ancestor_urls(page) -> list[str]:
    """The home and index pages above ``page`` list it, so a CDN must drop them too."""
    try:
        ancestors = page.get_ancestors().filter(depth__gt=1)
        return [url for url in (ancestor.get_full_url() for ancestor in ancestors) if url]
    except Exception:  # a page being deleted may have lost its tree position already
        return []


def purge_after_commit(urls: list[str], *, page_id=None) -> None:
    from cms.delivery.purge import purge

    def send():
        try:
            purge(list(dict.fromkeys(urls)))
        except Exception:  # a purge is an optimisation: never fail the publish for it
            logger.exception("could not enqueue the cache purge for page %s", page_id)

    transaction.on_commit(send)


def latest_change():
    """When public content last changed (publish, unpublish, delete, expiry), or None."""
    return ContentEvent.objects.aggregate(latest=Max("created_at"))["latest"]
