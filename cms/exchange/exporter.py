"""Export pages as exchange records (the import format), in a stable order."""
from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

from cms.exchange.records import page_to_record
from cms.models import CONTENT_TYPES

ATTACHMENTS_DIR = "attachments"


def export_records(types: list[str] | None = None, *, live_only: bool = False,
                   attachments_to: Path | None = None, not_copied: list | None = None) -> Iterator[dict]:
    """Records of every content page (latest revision, drafts included; ``live_only``: the
    published version of live pages). With ``attachments_to`` the attachment files are copied
    into ``attachments_to/attachments/`` and referenced relative to ``attachments_to``; without
    it their names are appended to ``not_copied`` (the caller warns: the file is not portable)."""
    def attachment_path(document) -> str:
        # Content-addressed, so the same file has the same name in every export (round trips).
        name = f"{content_hash(document)[:16]}.{document.file_extension}"
        if attachments_to is not None:
            target = attachments_to / ATTACHMENTS_DIR / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                with document.file.open("rb") as source, target.open("wb") as out:
                    shutil.copyfileobj(source, out)
        elif not_copied is not None:
            not_copied.append(name)
        return f"{ATTACHMENTS_DIR}/{name}"

    for record_type, model in CONTENT_TYPES.items():
        if types and record_type not in types:
            continue
        pages = model.objects.all().select_related("department").order_by("published_at", "slug")
        if live_only:
            pages = pages.live()
        for page in pages.iterator(chunk_size=200):
            source = page if live_only else page.get_latest_revision_as_object()
            yield page_to_record(source, attachment_path=attachment_path)


def content_hash(document) -> str:
    if not document.file_hash:
        with document.file.open("rb") as handle:
            document.file_hash = hashlib.sha1(handle.read()).hexdigest()
    return document.file_hash


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)
