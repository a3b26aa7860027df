"""Creating an item from validated data: attachments checked first, then one transaction.

Nothing is stored on refusal: every attachment is checked and cleaned before the first write,
and files written inside the transaction are removed again if it rolls back.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from interaction import events
from interaction.access import dispatch_department
from interaction.attachments import CleanFile, clean_upload
from interaction.deadlines import deadline_for, time_limit_days
from interaction.models import Attachment, Interaction
from interaction.tracking import hash_code, new_query_code, new_tracking_number

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    item: Interaction
    query_code: str   # shown once; only its HMAC is stored


def clean_files(uploads) -> list[CleanFile]:
    """Check every upload; raises ``AttachmentRefused`` on the first bad one (nothing written)."""
    return [clean_upload(upload) for upload in uploads or []]


def submit(data: dict, files: list[CleanFile] = (), *, kind: str | None = None, source_rating=None) -> Receipt:
    """Store one item from ``SubmissionForm.cleaned_data``-shaped ``data`` and cleaned files."""
    department = data.get("department") or dispatch_department()
    kind = kind or data["kind"]
    now = timezone.now()
    days = time_limit_days(kind, department)
    code = new_query_code()
    fields = dict(
        kind=kind, department=department, subject=data["subject"], content=data["content"],
        name=data.get("name", ""), phone=data.get("phone", ""), email=data.get("email", ""),
        publish_consent=bool(data.get("publish_consent")), privacy_consent=bool(data.get("privacy_consent")),
        time_limit_days=days, deadline=deadline_for(now, days), submitted_at=now, source_rating=source_rating,
    )
    stored: list[str] = []
    try:
        with transaction.atomic():
            item = _create_with_number(fields, code, now)
            for clean in files:
                attachment = Attachment(interaction=item, original_name=clean.original_name,
                                        content_type=clean.content_type, size=clean.size, sha256=clean.sha256)
                attachment.file.save(clean.name, ContentFile(clean.content), save=False)
                stored.append(attachment.file.name)
                attachment.save()
            events.record(item, "submitted", user=None, data={"department": department.name if department else ""})
    except BaseException:
        for name in stored:
            try:
                Attachment._meta.get_field("file").storage.delete(name)
            except OSError:
                logger.warning("could not remove %s after a failed submission", name)
        raise
    transaction.on_commit(lambda: events.after_submission(item))
    return Receipt(item=item, query_code=code)


def _create_with_number(fields: dict, code: str, now) -> Interaction:
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    sequence = Interaction.objects.filter(submitted_at__gte=day_start).count() + 1
    for attempt in range(8):
        number = new_tracking_number(sequence + attempt, now)
        try:
            with transaction.atomic():
                return Interaction.objects.create(tracking_number=number,
                                                  query_code_hash=hash_code(number, code), **fields)
        except IntegrityError:
            if not Interaction.objects.filter(tracking_number=number).exists():
                raise
    raise RuntimeError("could not allocate a tracking number")
