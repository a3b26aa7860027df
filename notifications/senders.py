"""Senders: one per channel, in a registry (``register_sender``) that both officials'
notifications and messages to citizens' addresses go through.

A sender knows where a user can be reached on its channel (``address_for``) and how to send one
``Delivery`` (``send``). ``send`` raises ``PermanentSendError`` for a failure that retrying cannot
fix; any other exception is retried with backoff by ``notifications.tasks``.
"""
from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext_lazy as _

from notifications.kinds import PLATFORM


class PermanentSendError(Exception):
    """This delivery can never succeed (no address, refused address): stop trying."""


class Sender:
    """One outbound channel. ``external = False`` for the in-platform channel (no delivery rows)."""

    name: str = ""
    label = ""
    external = True

    def address_for(self, user) -> str:
        return ""

    def valid_address(self, address: str) -> bool:
        return bool(address)

    def send(self, delivery) -> None:
        raise NotImplementedError


_senders: dict[str, Sender] = {}


class UnknownChannel(LookupError):
    pass


def register_sender(cls):
    """Class decorator: make a ``Sender`` subclass available under its ``name``."""
    _senders[cls.name] = cls()
    return cls


def get_sender(name: str) -> Sender:
    try:
        return _senders[name]
    except KeyError:
        raise UnknownChannel(f"unknown notification channel {name!r} (known: {', '.join(sorted(_senders))})") from None


def channel_names() -> list[str]:
    return list(_senders)


def choices() -> list[tuple[str, str]]:
    return [(name, str(sender.label)) for name, sender in _senders.items()]


def message_text(delivery) -> str:
    """The plain text of a message: title, body, and the link made absolute."""
    parts = [delivery.subject]
    if delivery.body:
        parts.append(delivery.body)
    link = getattr(delivery.notification, "link", "") if delivery.notification_id else ""
    if link:
        parts.append(link if link.startswith("http") else settings.BASE_URL + link)
    return "\n".join(parts)


class PlatformSender(Sender):
    name = PLATFORM
    label = _("站内消息")
    external = False


class EmailSender(Sender):
    name = "email"
    label = _("电子邮件")
    _pattern = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

    def address_for(self, user) -> str:
        return user.email or ""

    def valid_address(self, address: str) -> bool:
        return bool(self._pattern.match(address or ""))

    def send(self, delivery) -> None:
        if not self.valid_address(delivery.address):
            raise PermanentSendError(f"invalid e-mail address {delivery.address!r}")
        send_mail(f"{settings.NOTIFICATIONS_SUBJECT_PREFIX}{delivery.subject}", message_text(delivery),
                  settings.DEFAULT_FROM_EMAIL, [delivery.address], fail_silently=False)


class SmsSender(Sender):
    name = "sms"
    label = _("短信")
    _pattern = re.compile(r"^\+?[0-9][0-9 -]{6,18}[0-9]$")

    def address_for(self, user) -> str:
        contact = getattr(user, "contact_point", None)
        return contact.phone if contact else ""

    def valid_address(self, address: str) -> bool:
        return bool(self._pattern.match(address or ""))

    def send(self, delivery) -> None:
        from notifications import sms

        if not self.valid_address(delivery.address):
            raise PermanentSendError(f"invalid phone number {delivery.address!r}")
        text = f"{settings.NOTIFICATIONS_SMS_SIGNATURE}{message_text(delivery)}"[:settings.NOTIFICATIONS_SMS_MAX_LENGTH]
        try:
            sms.get_backend().send_message(delivery.address, text)
        except sms.PermanentSmsError as exc:
            raise PermanentSendError(str(exc)) from exc


def load_builtins() -> None:
    for cls in (PlatformSender, EmailSender, SmsSender):
        register_sender(cls)
