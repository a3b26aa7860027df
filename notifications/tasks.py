"""Sending deliveries in the task worker: one try per task run, retried with exponential backoff,
each try's outcome kept on the ``Delivery`` row (attempts, last error, sent time).

The row is the source of truth: a lost task or a backend without deferral is covered by
``send_due_deliveries`` (run by ``manage.py run_periodic_checks``), which sends whatever is due.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from notifications.models import Delivery
from notifications.senders import PermanentSendError, get_sender

logger = logging.getLogger(__name__)


def backoff_seconds(attempts: int) -> int:
    base = settings.NOTIFICATIONS_BACKOFF_BASE
    return min(settings.NOTIFICATIONS_BACKOFF_MAX, base * 2 ** max(0, attempts - 1))


def enqueue_delivery(delivery_id: int, run_after=None) -> None:
    try:
        if run_after is not None:
            if default_task_backend.supports_defer:
                send_delivery.using(run_after=run_after).enqueue(delivery_id)
        else:
            send_delivery.enqueue(delivery_id)
    except Exception:  # the sweeper sends it later
        logger.exception("could not enqueue notification delivery %s", delivery_id)


def attempt(delivery: Delivery) -> Delivery:
    """Try ``delivery`` once and move it to its next state."""
    now = timezone.now()
    delivery.attempts += 1
    try:
        get_sender(delivery.channel).send(delivery)
    except PermanentSendError as exc:
        delivery.status, delivery.last_error = Delivery.Status.FAILED, str(exc)[:2000]
    except Exception as exc:  # noqa: BLE001 - any sender failure is retried
        logger.warning("notification delivery %s via %s failed: %s", delivery.pk, delivery.channel, exc)
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if delivery.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.next_attempt_at = now + timedelta(seconds=backoff_seconds(delivery.attempts))
    else:
        delivery.status, delivery.sent_at, delivery.last_error = Delivery.Status.SENT, now, ""
    delivery.save(update_fields=["attempts", "status", "last_error", "next_attempt_at", "sent_at"])
    return delivery


@task()
def send_delivery(delivery_id: int) -> str:
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update(skip_locked=True, of=("self",)).select_related("notification")
                    .filter(pk=delivery_id, status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now())
                    .first())
        if delivery is None:
            return "skipped"
        attempt(delivery)
    if delivery.status == Delivery.Status.PENDING:
        enqueue_delivery(delivery.pk, run_after=delivery.next_attempt_at)
    return delivery.status


def send_due_deliveries(limit: int = 500) -> int:
    """Send every pending delivery whose time has come (the sweeper); returns how many were tried."""
    due = list(Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now())
               .order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    for pk in due:
        send_delivery.call(pk)
    return len(due)
