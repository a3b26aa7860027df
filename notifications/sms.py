"""SMS backends: pluggable like Django's mail backends (``NOTIFICATIONS_SMS_BACKEND`` is a dotted
path). The default writes the message to the log, so nothing needs a gateway to run; a real
gateway is a subclass with ``send_message`` that raises ``SmsError`` (retryable) or
``PermanentSmsError`` (a bad number: never retried).
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("notifications.sms")

# Messages "sent" by MemorySmsBackend, like django.core.mail.outbox in tests.
outbox: list[dict] = []


class SmsError(Exception):
    """The gateway failed this time; the delivery is tried again later."""


class PermanentSmsError(SmsError):
    """The message can never be delivered (e.g. an invalid number): no further tries."""


class BaseSmsBackend:
    def send_message(self, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Logs the message: the embedded default and a safe choice for staging."""

    def send_message(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class MemorySmsBackend(BaseSmsBackend):
    """Keeps messages in ``notifications.sms.outbox`` (tests)."""

    def send_message(self, phone: str, text: str) -> None:
        outbox.append({"phone": phone, "text": text})


def get_backend() -> BaseSmsBackend:
    return import_string(settings.NOTIFICATIONS_SMS_BACKEND)()
