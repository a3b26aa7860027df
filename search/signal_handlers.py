"""Signal handlers that keep search in step with content (wired in ``SearchConfig.ready``).

Every handler records the change in the caller's transaction (database copy + outbox row);
Elasticsearch is updated by the outbox drain after the commit."""
from __future__ import annotations

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save

from search.recording import record_change, record_many, schedule_drain
from search.registry import source_for

logger = logging.getLogger(__name__)


def on_page_published(sender, instance, **kwargs):
    from cms.signals import importing

    if importing():  # on_content_imported records every imported page once, at the end
        return
    record_change(instance.specific if hasattr(instance, "specific") else instance)


def on_page_unpublished(sender, instance, **kwargs):
    record_change(instance.specific if hasattr(instance, "specific") else instance)


def on_deleted(sender, instance, **kwargs):
    if source_for(instance) is not None:
        record_change(instance, deleted=True)


def _pages_under(page):
    return [p.specific for p in page.get_descendants(inclusive=True)]


def on_view_restriction_changed(sender, instance, **kwargs):
    """Who may see a page (and everything under it) changed."""
    page = getattr(instance, "page", None)
    if page is None:
        return
    try:
        record_many([p for p in _pages_under(page) if source_for(p) is not None])
    except Exception:
        if kwargs.get("signal") is post_delete:  # the page itself is being deleted
            return
        raise


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        on_view_restriction_changed(sender, instance)


def on_content_expired(sender, page=None, **kwargs):
    if page is not None:
        record_change(page.specific if hasattr(page, "specific") else page)


def on_content_imported(sender, pages=(), **kwargs):
    """Imported items must be searchable when ``import_content`` returns: drain synchronously."""
    from search import engine

    record_many([p.specific if hasattr(p, "specific") else p for p in pages], drain="no")
    if engine.is_configured():
        engine.drain_outbox(raise_errors=False, refresh="wait_for")


def on_synonym_changed(sender, **kwargs):
    from search import synonyms

    synonyms.invalidate()


def connect() -> None:
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished

    from search.models import Synonym

    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_delete.connect(on_deleted, dispatch_uid="search.post_delete")
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction,
                      dispatch_uid="search.restriction_saved")
    post_delete.connect(on_view_restriction_changed, sender=PageViewRestriction,
                        dispatch_uid="search.restriction_deleted")
    m2m_changed.connect(on_restriction_groups_changed, sender=PageViewRestriction.groups.through,
                        dispatch_uid="search.restriction_groups")
    post_save.connect(on_synonym_changed, sender=Synonym, dispatch_uid="search.synonym_saved")
    post_delete.connect(on_synonym_changed, sender=Synonym, dispatch_uid="search.synonym_deleted")
    from cms.signals import content_expired, content_imported

    content_expired.connect(on_content_expired, dispatch_uid="search.content_expired")
    content_imported.connect(on_content_imported, dispatch_uid="search.content_imported")


__all__ = ["connect", "schedule_drain"]
