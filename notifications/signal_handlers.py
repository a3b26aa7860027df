"""Wiring of the built-in producers (``notifications.producers``) to Wagtail's and the CMS's signals."""
from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_save
from wagtail.signals import task_submitted

from notifications import producers


def connect() -> None:
    task_submitted.connect(producers.on_task_submitted, dispatch_uid="notifications.task_submitted")
    if apps.is_installed("cms.delivery"):
        post_save.connect(producers.on_webhook_delivery_saved, sender="delivery.WebhookDelivery",
                          dispatch_uid="notifications.webhook_failed")
