"""Headless delivery of the CMS: the typed content API with its OpenAPI description, draft preview
tokens for external front ends, HTTP caching (ETag, Last-Modified, purge on publish), CORS and
rate limiting, and signed webhooks delivered through an outbox.
"""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "cms.delivery"
    label = "delivery"
    verbose_name = _("内容分发")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.delivery import checks, signal_handlers  # noqa: F401  (checks registers itself)

        signal_handlers.connect()
