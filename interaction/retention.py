"""Retention of personal data: items closed longer than ``INTERACTION_RETENTION_DAYS`` ago keep
their statistics (kind, department, dates, status, rating) but lose the asker's name, phone and
e-mail, the free text that may identify them, and their attachments; ratings lose their contact
details after the same period. Run by ``manage.py purge_interactions`` (daily, as a worker)."""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interaction.models import Attachment, Interaction, ServiceRating
from interaction.status import Status

logger = logging.getLogger(__name__)


def expired_items(now: dt.datetime | None = None):
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.INTERACTION_RETENTION_DAYS)
    return (Interaction.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff)
            .exclude(name="", phone="", email="", content=""))


def purge(now: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    items = expired_items(now)
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.INTERACTION_RETENTION_DAYS)
    ratings = ServiceRating.objects.filter(created_at__lt=cutoff).exclude(
        contact_name="", contact_phone="", contact_email="")
    counts = {"items": items.count(), "attachments": Attachment.objects.filter(interaction__in=items).count(),
              "ratings": ratings.count()}
    if dry_run:
        return counts
    removed = _("[已按保存期限删除]")
    with transaction.atomic():
        ids = list(items.values_list("pk", flat=True))
        files = list(Attachment.objects.filter(interaction_id__in=ids).values_list("file", flat=True))
        Attachment.objects.filter(interaction_id__in=ids).delete()
        Interaction.objects.filter(pk__in=ids).update(
            name="", phone="", email="", content=removed, info_request="", info_reply="",
            answer_draft="", is_published=False)
        ratings.update(contact_name="", contact_phone="", contact_email="", comment="")
        storage = Attachment._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    logger.info("interaction retention purge: %s", counts)
    return counts
