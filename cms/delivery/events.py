"""The outbox writer: turn a content change into a ``ContentEvent`` plus one pending
``WebhookDelivery`` per interested subscriber, in the caller's transaction, and hand the
deliveries to the task queue only once that transaction commits."""
from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.utils import timezone

from cms.delivery.content_types import GENERIC_TYPE, type_name_for_page
from cms.delivery.models import ContentEvent, WebhookDelivery, WebhookSubscriber

logger = logging.getLogger(__name__)


def page_reference(page) -> dict:
    """The part of an event that says which content changed and where a client can fetch it."""
    from cms.delivery.api.common import api_url, html_url

    content_type = type_name_for_page(page)
    route = "page_detail" if content_type == GENERIC_TYPE else "content_detail"
    return {
        "id": page.pk,
        "type": content_type,
        "slug": page.slug,
        "title": page.title,
        "url": html_url(page),
        "api_url": api_url(route, page_id=page.pk),
    }


def record_event(event: str, page) -> ContentEvent:
    """Write the event and its deliveries now; enqueue the sends after the commit."""
    from cms.delivery.tasks import enqueue_delivery

    reference = page_reference(page)
    event_id, occurred_at = uuid.uuid4(), timezone.now()
    payload = {"id": str(event_id), "event": event, "occurred_at": occurred_at.isoformat(), "content": reference}
    with transaction.atomic():
        # One INSERT with the payload (its id is chosen here), and the deliveries only when some
        # subscriber wants the event: a bulk import publishes a thousand pages through this.
        content_event = ContentEvent.objects.create(
            id=event_id, event=event, page_id=page.pk, content_type=reference["type"], title=page.title[:255],
            payload=payload, created_at=occurred_at,
        )
        subscribers = [s for s in WebhookSubscriber.objects.filter(is_active=True)
                       if s.wants(event, reference["type"])]
        ids = []
        if subscribers:
            WebhookDelivery.objects.bulk_create([WebhookDelivery(event=content_event, subscriber=s) for s in subscribers])
            ids = list(content_event.deliveries.values_list("pk", flat=True))
            transaction.on_commit(lambda: [enqueue_delivery(pk) for pk in ids])
    logger.info("content event %s %s page=%s deliveries=%d", content_event.pk, event, page.pk, len(ids))
    return content_event
