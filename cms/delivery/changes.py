"""What happens when public content changes: one place that the signal handlers (Wagtail's
publish/unpublish/delete/move, the cms app's expiry, privacy changes) call, which records the
outbox event, makes every cached API response and HTML page stale (a new content generation,
shared by all processes through the cache), and asks the front-end caches to purge the
affected URLs after the commit."""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Max

from cms.delivery.caching import content_changed
from cms.delivery.events import record_event
from cms.delivery.models import ContentEvent

logger = logging.getLogger(__name__)
_batch = threading.local()


@contextmanager
def batched_changes():
    """Inside the block (a bulk import), every change still records its event, but the caches
    go stale once at the end and the front-end purge is one batch, instead of once per page."""
    if getattr(_batch, "urls", None) is not None:  # nested: the outer block finishes the work
        yield
        return
    _batch.urls, _batch.paths = [], set()
    try:
        yield
        urls, paths = _batch.urls, _batch.paths
    finally:
        _batch.urls = _batch.paths = None
    if urls:
        content_changed()
        purge_after_commit(urls + _pages_above(paths))


def _pages_above(paths: set[str]) -> list[str]:
    """The URLs of every page above the given tree paths (the home and the index pages listing
    them), found in one query."""
    from wagtail.models import Page

    above = {path[:end] for path in paths for end in range(2 * Page.steplen, len(path), Page.steplen)}
    return [url for url in (page.get_full_url() for page in Page.objects.filter(path__in=above)) if url]


def public_content_changed(event: str, page, *, extra_urls: list[str] = ()) -> None:
    from cms.delivery.purge import urls_for_page

    content_event = record_event(event, page)
    urls = urls_for_page(content_event.payload["content"]) + list(extra_urls)
    if getattr(_batch, "urls", None) is not None:
        _batch.urls.extend(urls)
        _batch.paths.add(page.path)
        return
    content_changed()
    purge_after_commit(urls + ancestor_urls(page), page_id=page.pk)


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
