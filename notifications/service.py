"""The one way the platform tells someone something.

``notify(recipients, kind, title, ...)`` writes one ``Notification`` per official (the in-platform
message) and one pending ``Delivery`` per further channel, in the caller's transaction; the
deliveries are queued for the task worker only after the commit, so a rolled-back change never
sends anything. ``notify_address(channel, address, ...)`` does the same for an address without an
account (a citizen's e-mail or phone), through the same sender registry.

Channels: the producer may name the channels it wants (``channels=``) instead of the kind's
defaults; an official's own preference for that kind (``ChannelPreference``) wins over both. The
in-platform message is always written.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet

from notifications.kinds import PLATFORM, get_kind
from notifications.models import ChannelPreference, Delivery, Notification
from notifications.senders import get_sender

logger = logging.getLogger(__name__)

TITLE_MAX = 255


def resolve_recipients(recipients) -> list:
    """Users from a user, a group, or an iterable/queryset of either; active ones, each once."""
    User = get_user_model()
    if recipients is None:
        return []
    if isinstance(recipients, (User, Group)) or not isinstance(recipients, (Iterable, QuerySet)):
        recipients = [recipients]
    users: dict[int, object] = {}
    for item in recipients:
        members = item.user_set.all() if isinstance(item, Group) else [item]
        for user in members:
            if user is not None and user.is_active:
                users.setdefault(user.pk, user)
    return list(users.values())


def channels_for(user, kind: str, requested: Iterable[str] | None = None) -> list[str]:
    """The outside channels ``user`` gets for ``kind``: preference, else requested, else defaults."""
    preference = ChannelPreference.objects.filter(user=user, kind=kind).values_list("channels", flat=True).first()
    if preference is not None:
        chosen = preference
    elif requested is not None:
        chosen = requested
    else:
        chosen = get_kind(kind).default_channels
    return [name for name in dict.fromkeys(chosen) if name != PLATFORM]


def _source_fields(source) -> dict:
    if source is None:
        return {}
    return {"source_type": ContentType.objects.get_for_model(source), "source_id": str(source.pk)}


def already_notified(user, kind: str, source) -> bool:
    """Whether ``user`` already has a ``kind`` message about ``source`` (producers that run
    periodically use it to say a thing once)."""
    return Notification.objects.filter(recipient=user, kind=kind, **_source_fields(source)).exists()


def notify(recipients, kind: str, title: str, link: str = "", source=None, channels=None, *,
           body: str = "", once: bool = False) -> list[Notification]:
    """Tell ``recipients`` (users and/or groups) about something; return the messages written.

    ``once=True`` skips recipients who already got this kind of message about ``source``."""
    get_kind(kind)  # unknown kinds fail here, before anything is written
    for name in channels or ():
        get_sender(name)
    title = str(title)[:TITLE_MAX]
    written, deliveries = [], []
    with transaction.atomic():
        for user in resolve_recipients(recipients):
            if once and source is not None and already_notified(user, kind, source):
                continue
            notification = Notification.objects.create(
                recipient=user, kind=kind, title=title, body=body, link=link, **_source_fields(source))
            written.append(notification)
            for channel in channels_for(user, kind, channels):
                address = get_sender(channel).address_for(user)
                if not address:
                    continue  # no e-mail or phone on record: the in-platform message is enough
                deliveries.append(Delivery.objects.create(
                    notification=notification, kind=kind, channel=channel, address=address,
                    subject=title, body=body))
        _queue_after_commit(deliveries)
    return written


def notify_address(channel: str, address: str, title: str, body: str = "", *, kind: str = "citizen",
                   link: str = "") -> Delivery:
    """Send a message to an address without an account (a citizen's e-mail or phone).

    Raises ``ValueError`` for an address the channel cannot use, so a form can say so at once."""
    get_kind(kind)
    sender = get_sender(channel)
    if not sender.external:
        raise ValueError(f"channel {channel!r} cannot reach an outside address")
    if not sender.valid_address(address):
        raise ValueError(f"{address!r} is not a valid {channel} address")
    if link:
        body = f"{body}\n{link}" if body else link
    with transaction.atomic():
        delivery = Delivery.objects.create(kind=kind, channel=channel, address=address,
                                           subject=str(title)[:TITLE_MAX], body=body)
        _queue_after_commit([delivery])
    return delivery


def _queue_after_commit(deliveries: list[Delivery]) -> None:
    if not deliveries:
        return
    ids = [delivery.pk for delivery in deliveries]

    def queue():
        from notifications.tasks import enqueue_delivery

        for pk in ids:
            enqueue_delivery(pk)

    transaction.on_commit(queue)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
