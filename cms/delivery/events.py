"""The outbox writer: turn a content change into a ``ContentEvent`` plus one pending
``WebhookDelivery`` per interested subscriber, in the caller's transaction, and hand the
deliveries to the task queue only once that transaction commits."""
from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.delivery.content_types import type_name_for_page
from cms.delivery.models import ContentEvent, WebhookDelivery, WebhookSubscriber

logger = logging.getLogger(__name__)


def page_reference(page) -> dict:
    """The part of an event that says which content changed and where a client can fetch it."""
    content_type = type_name_for_page(page)
    route = "delivery:content_detail" if content_type != "page" else "delivery:page_detail"
    try:
        html_url = page.get_full_url()
    except Exception:  # a page outside every Site has no URL; the event is still worth sending
        html_url = None
    return {
        "id": page.pk,
        "type": content_type,
        "slug": page.slug,
        "title": page.title,
        "url": html_url,
        "api_url": settings.BASE_URL + reverse(route, kwargs={"page_id": page.pk}),
    }


def record_event(event: str, page) -> ContentEvent:
    """Write the event and its deliveries now; enqueue the sends after the commit."""
    from cms.delivery.tasks import enqueue_delivery

    reference = page_reference(page)
    with transaction.atomic():
        content_event = ContentEvent.objects.create(
            event=event, page_id=page.pk, content_type=reference["type"], title=page.title[:255],
            payload={}, created_at=timezone.now(),
        )
        content_event.payload = {
            "id": str(content_event.pk),
            "event": event,
            "occurred_at": content_event.created_at.isoformat(),
            "content": reference,
        }
        content_event.save(update_fields=["payload"])
        subscribers = [s for s in WebhookSubscriber.objects.filter(is_active=True)
                       if s.wants(event, reference["type"])]
        WebhookDelivery.objects.bulk_create([WebhookDelivery(event=content_event, subscriber=s) for s in subscribers])
        ids = list(content_event.deliveries.values_list("pk", flat=True))
        transaction.on_commit(lambda: [enqueue_delivery(pk) for pk in ids])
    logger.info("content event %s %s page=%s deliveries=%d", content_event.pk, event, page.pk, len(ids))
    return content_event
