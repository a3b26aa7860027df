"""Recording changes: the database copy of a document and the outbox row, in the caller's
transaction; the drain to Elasticsearch is scheduled for after the commit."""
from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from search import engine
from search.documents import SearchDocument
from search.models import OutboxEntry, SearchEntry
from search.registry import source_for

logger = logging.getLogger(__name__)


def entry_fields(doc: SearchDocument) -> dict:
    from search.grams import MAX_BODY_CHARS, grams

    body = " ".join([doc.summary, doc.department, " ".join(doc.topics), doc.searchable_text()])
    return {
        "title_grams": grams(doc.title), "body_grams": grams(body, MAX_BODY_CHARS),
        "type": doc.type, "slug": doc.slug, "title": doc.title[:500], "url": doc.url,
        "summary": doc.summary, "text": doc.searchable_text(), "doc_number_norm": doc.doc_number_norm[:200],
        "department": doc.department, "topics": doc.topics, "year": doc.year,
        "published_at": doc.published_at, "expires_at": doc.expires_at, "validity": doc.validity,
        "access_tokens": " " + " ".join(doc.access) + " " if doc.access else "",
        "document": doc.as_dict(),
    }


def store_document(key: str, doc: SearchDocument | None) -> None:
    """Write (or remove) the database copy and note the key in the outbox."""
    if doc is None:
        SearchEntry.objects.filter(key=key).delete()
    else:
        SearchEntry.objects.update_or_create(key=key, defaults=entry_fields(doc))
    if engine.is_configured():
        OutboxEntry.objects.create(key=key)


def record_change(obj, *, deleted: bool = False, drain: str = "later") -> bool:
    """Re-derive ``obj``'s document (and its related objects') and record it. Returns whether a
    source knows ``obj``. ``drain``: ``later`` (a task after commit), ``now`` or ``no``."""
    source = source_for(obj)
    if source is None:
        return False
    objects = [(obj, deleted)] + [(related, False) for related in source.related_objects(obj)]
    with transaction.atomic():
        for item, is_deleted in objects:
            item_source = source_for(item) or source
            doc = None if is_deleted else item_source.to_document(item)
            store_document(item_source.key_for(item), doc)
    schedule_drain(drain)
    return True


def record_many(objects: Iterable, *, drain: str = "later") -> int:
    count = 0
    with transaction.atomic():
        for obj in objects:
            count += record_change(obj, drain="no")
    schedule_drain(drain)
    return count


def schedule_drain(drain: str) -> None:
    if drain == "no" or not engine.is_configured():
        return
    from search.tasks import drain_search_outbox

    if drain == "now":
        transaction.on_commit(lambda: engine.drain_outbox(raise_errors=False))
    else:
        transaction.on_commit(lambda: _enqueue(drain_search_outbox))


def _enqueue(task) -> None:
    try:
        task.enqueue()
    except Exception:  # the outbox keeps the change; the next drain sends it
        logger.exception("could not enqueue the search outbox drain")
