"""Import a JSON Lines file: validate it whole (the file, then what the database says about its
slugs), then write it - in one transaction, or on SQLite in short transactions of
``CMS_IMPORT_BATCH`` records, because SQLite has one write lock for the whole database and an
import holding it for a minute would make every editor wait (or fail) meanwhile."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext

from cms.delivery.changes import batched_changes
from cms.exchange.records import RecordError, RecordWriter
from cms.exchange.validation import Problem, parse_file
from cms.models.base import BULK_WRITE
from cms.signals import content_imported
from cms.site_tree import get_site

SYSTEM_USERNAME = "content-import"


class ImportFailed(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    pages: list = field(default_factory=list)
    committed: int = 0  # how many of ``pages`` are committed (SQLite commits in batches)

    @property
    def total(self) -> int:
        return self.created + self.updated


def system_user():
    """The user recorded on imports when no ``--user`` is given (cannot log in)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=SYSTEM_USERNAME, defaults={
        "first_name": gettext("内容导入"), "is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def import_file(path: Path, *, site_host: str | None = None, publish: bool = False, user=None,
                progress: Callable[[Iterable], Iterable] = lambda items: items) -> ImportResult:
    """Validate ``path`` completely, then write it; raise :class:`ImportFailed` (and write
    nothing) on any problem. ``content_imported`` is sent after the transaction commits."""
    parsed = parse_file(path)
    if parsed.problems:
        raise ImportFailed(parsed.problems)
    default_site = get_site(site_host)
    sites = {None: default_site}
    writer = RecordWriter(user=user or system_user(), publish=publish, base_dir=path.parent)
    writer.preload(record["slug"] for _, record in parsed.records)
    conflicts = writer.type_conflicts(parsed.records)
    if conflicts:
        raise ImportFailed([Problem(line, "type", reason) for line, reason in conflicts])
    token = BULK_WRITE.set(True)
    result = ImportResult()
    try:
        with batched_changes():  # caches made stale and front-end purges sent once, at the end
            _write_all(parsed, writer, sites, progress, result)
    except ImportFailed:
        # Batches already committed (SQLite) stay written: announce those pages all the same,
        # since listeners (search) skip their per-page work while the import runs.
        if result.committed:
            content_imported.send(sender=None, pages=result.pages[:result.committed])
        raise
    finally:
        BULK_WRITE.reset(token)
    content_imported.send(sender=None, pages=result.pages)
    return result


def batch_size() -> int:
    """Records per write transaction: ``CMS_IMPORT_BATCH`` (0 = the whole file in one)."""
    return settings.CMS_IMPORT_BATCH if connection.vendor == "sqlite" else 0


def _write_all(parsed, writer: RecordWriter, sites: dict, progress, result: ImportResult) -> None:
    records = iter(progress(parsed.records))
    batch = batch_size()
    exhausted = False
    while not exhausted:
        with transaction.atomic():
            exhausted = _write_batch(records, batch, writer, sites, result)
        result.committed = len(result.pages)


def _write_batch(records, batch: int, writer: RecordWriter, sites: dict, result: ImportResult) -> bool:
    """Write up to ``batch`` records (all when 0); True when no record is left."""
    written = 0
    for line, record in records:
        host = record.get("site")
        if host not in sites:
            sites[host] = get_site(host)
        try:
            page, created = writer.write(record, site=sites[host])
        except RecordError as error:
            raise ImportFailed([Problem(line, error.field, error.reason)]) from error
        except ValidationError as error:
            raise ImportFailed([Problem(line, name, " ".join(messages))
                                for name, messages in error.message_dict.items()]) from error
        result.pages.append(page)
        if created:
            result.created += 1
        else:
            result.updated += 1
        written += 1
        if batch and written >= batch:
            return False
    return True
