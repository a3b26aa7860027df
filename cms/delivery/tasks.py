"""Background work of the delivery app: sending one webhook delivery (with retries and
exponential backoff). Front-end cache purges go through Wagtail's own task (cms.delivery.purge).

A failed send stays ``pending`` with ``next_attempt_at`` set by the backoff; the task re-enqueues
itself for then when the task backend can defer, and ``manage.py deliver_webhooks`` (a sidecar in
the embedded set-up, a cron/worker loop in production) sends whatever is due, so a delivery
survives a lost task, a worker restart, or a backend without deferral.
"""
from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from cms.delivery import http, signing
from cms.delivery.models import WebhookAttempt, WebhookDelivery

logger = logging.getLogger(__name__)


def backoff_seconds(attempts: int) -> int:
    """Delay before try number ``attempts + 1``: base · 2^(attempts-1), capped."""
    base = settings.DELIVERY_WEBHOOK_BACKOFF_BASE
    return min(settings.DELIVERY_WEBHOOK_BACKOFF_MAX, base * 2 ** max(0, attempts - 1))


def enqueue_delivery(delivery_id: int, run_after=None) -> None:
    """Queue a send; a deferred one only where the backend supports it (the sweeper covers the rest)."""
    try:
        if run_after is not None:
            if not default_task_backend.supports_defer:
                return
            deliver_webhook.using(run_after=run_after).enqueue(delivery_id)
        else:
            deliver_webhook.enqueue(delivery_id)
    except Exception:  # the row is the source of truth; the sweeper will pick it up
        logger.exception("could not enqueue webhook delivery %s", delivery_id)


def send_delivery(delivery: WebhookDelivery) -> http.HttpResult:
    """The HTTP part of a try, with no database transaction open (no row lock held while a slow
    subscriber answers)."""
    body = json.dumps(delivery.event.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        signing.SIGNATURE_HEADER: signing.sign(delivery.subscriber.secret, body),
        signing.EVENT_ID_HEADER: str(delivery.event_id),
        signing.EVENT_TYPE_HEADER: delivery.event.event,
    }
    return http.send("POST", delivery.subscriber.url, content=body, headers=headers)


def is_permanent(status_code: int | None) -> bool:
    """A 4xx answer will not change by retrying (except 408 Request Timeout and 429 Too Many
    Requests): give up at once instead of knocking on the door 12 times."""
    return status_code is not None and 400 <= status_code < 500 and status_code not in (408, 429)


def record_result(delivery: WebhookDelivery, result, *, manual: bool = False) -> WebhookAttempt:
    """Log the try and move the delivery to its next state."""
    now = timezone.now()
    attempt = WebhookAttempt.objects.create(
        delivery=delivery, attempted_at=now, status_code=result.status_code, error=result.error,
        duration_ms=result.duration_ms, manual=manual,
    )
    delivery.attempts += 1
    delivery.last_status_code = result.status_code
    delivery.last_error = result.error
    if result.ok:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
    elif is_permanent(result.status_code) or delivery.attempts >= settings.DELIVERY_WEBHOOK_MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.status = WebhookDelivery.Status.PENDING
        delivery.next_attempt_at = now + timedelta(seconds=backoff_seconds(delivery.attempts))
    delivery.save()
    return attempt


def attempt_delivery(delivery: WebhookDelivery, *, manual: bool = False) -> WebhookAttempt:
    """Send ``delivery`` once and record it (callers must not hold a transaction open)."""
    result = send_delivery(delivery)
    with transaction.atomic():
        return record_result(delivery, result, manual=manual)


def claim(delivery_id: int) -> WebhookDelivery | None:
    """Take a due delivery so that two workers never send it at once; None when not due.

    The row lock is held only for this short transaction: the claim pushes ``next_attempt_at``
    past the send's timeout (a lease), so other workers skip it while the HTTP call runs outside
    any transaction; a worker that dies mid-send leaves it due again when the lease ends."""
    with transaction.atomic():
        query = WebhookDelivery.objects.select_for_update(skip_locked=True).select_related("event", "subscriber")
        delivery = query.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING,
                                next_attempt_at__lte=timezone.now()).first()
        if delivery is not None:
            lease = timezone.now() + timedelta(seconds=settings.DELIVERY_WEBHOOK_TIMEOUT + 60)
            WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=lease)
        return delivery


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = claim(delivery_id)
    if delivery is None:
        return "skipped"
    attempt_delivery(delivery)
    if delivery.status == WebhookDelivery.Status.PENDING:
        enqueue_delivery(delivery.pk, run_after=delivery.next_attempt_at)
    return delivery.status


def redeliver(delivery_id: int) -> WebhookDelivery | None:
    """Manual redelivery from the admin: send now, whatever the state, and log it as manual."""
    delivery = WebhookDelivery.objects.select_related("event", "subscriber").filter(pk=delivery_id).first()
    if delivery is not None:
        attempt_delivery(delivery, manual=True)
    return delivery


def due_delivery_ids(limit: int = 500) -> list[int]:
    return list(
        WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    )

