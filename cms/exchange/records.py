"""One record ⇄ one page. ``RecordWriter.write`` writes a (validated) record as a new revision of the
page with the same slug, or a new page in its department's section; ``page_to_record`` is the
inverse used by export. Export omits empty values so that export → import → export is stable."""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.actions.move_page import MovePageAction
from wagtail.documents import get_document_model
from django.utils.translation import gettext

from cms.exchange.fields import COMMON_FIELDS, DATE_FIELDS, DATETIME_FIELDS, LIST_FIELDS, TYPE_FIELDS
from cms.exchange.paths import UnsafePath, confined_path, read_confined
from cms.models import CONTENT_TYPES, Department, GovernmentPage, Topic
from cms.site_tree import ensure_section, index_for
from cms.text import sanitize_html


class RecordError(Exception):
    """A record that passed the schema but cannot be applied (``field``, ``reason``)."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


def find_page(slug: str) -> GovernmentPage | None:
    for model in CONTENT_TYPES.values():
        page = model.objects.filter(slug=slug).first()
        if page is not None:
            return page
    return None


def _parse_value(name: str, value):
    if value is None:
        return None
    if name in DATETIME_FIELDS:
        parsed = parse_datetime(value)
        if parsed is None:
            raise RecordError(name, gettext("不是有效的时间 / not a date-time: %(value)r") % {"value": value})
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed
    if name in DATE_FIELDS:
        parsed = parse_date(value)
        if parsed is None:
            raise RecordError(name, gettext("不是有效的日期 / not a date: %(value)r") % {"value": value})
        return parsed
    return value


def _empty_for(model, name: str):
    field = model._meta.get_field(name)
    if field.null:
        return None
    if name == "audience":
        return []
    return field.get_default() if field.has_default() else ""


class RecordWriter:
    """Writes validated records as pages. Keeps per-run caches (departments, topics, sections)
    so that a large import does not look the same things up once per record."""

    def __init__(self, *, user=None, publish: bool = False, base_dir: Path | None = None):
        self.user, self.publish, self.base_dir = user, publish, base_dir
        self._departments: dict[str, Department] = {}
        self._topics: dict[str, Topic] = {}
        self._sections: dict[tuple, object] = {}
        self._existing: dict[str, tuple[type, int]] | None = None

    def preload(self, slugs) -> None:
        """Look up which of ``slugs`` exist in one query per type (instead of one per record)."""
        slugs = set(slugs)
        self._existing = {}
        for model in CONTENT_TYPES.values():
            for slug, pk in model.objects.filter(slug__in=slugs).values_list("slug", "pk"):
                self._existing[slug] = (model, pk)

    def type_conflicts(self, records) -> list[tuple[int, str]]:
        """``(line, reason)`` for each record whose slug belongs to a page of another type: found
        before anything is written, so the write phase can commit in batches (see importer)."""
        conflicts = []
        for line, record in records:
            existing = (self._existing or {}).get(record["slug"])
            if existing and existing[0] is not CONTENT_TYPES[record["type"]]:
                conflicts.append((line, gettext("标识 %(slug)s 已被 %(type)s 使用") % {"slug": record["slug"], "type": existing[0].record_type}))
        return conflicts

    def find(self, slug: str):
        if self._existing is None:
            return find_page(slug)
        if slug not in self._existing:
            return None
        model, pk = self._existing[slug]
        return model.objects.get(pk=pk)

    def department(self, name: str) -> Department:
        if name not in self._departments:
            self._departments[name] = Department.objects.get_or_create_by_name(name)[0]
        return self._departments[name]

    def topic(self, name: str) -> Topic:
        if name not in self._topics:
            self._topics[name] = Topic.objects.get_or_create_by_name(name)[0]
        return self._topics[name]

    def section(self, site, model, department):
        key = (site.pk, model, department.pk)
        if key not in self._sections:
            self._sections[key] = ensure_section(index_for(site, model), department)
        return self._sections[key]

    def write(self, record: dict, *, site):
        """Create or update the page for ``record``; return ``(page, created)``."""
        record_type = record["type"]
        model = CONTENT_TYPES[record_type]
        department = self.department(record["department"])
        section = self.section(site, model, department)

        page = self.find(record["slug"])
        created = page is None
        if page is not None and not isinstance(page, model):
            raise RecordError("type", gettext("标识 %(slug)s 已被 %(type)s 使用") % {"slug": record["slug"], "type": page.record_type})
        if not created and page.get_parent().pk != section.pk:
            # Slugs are global ("idempotent by slug"): a record whose slug names a page of another
            # department updates that page and moves it to the record's department. As with
            # publishing, whoever may run manage.py may move; the user is recorded, not checked.
            # (Moved first: the move re-reads the page, so fields set before it would be lost.)
            MovePageAction(page, section, pos="last-child", user=self.user).execute(skip_permission_checks=True)
            page = type(page).objects.get(pk=page.pk)
        page = model(slug=record["slug"]) if created else page.get_latest_revision_as_object()

        page.department = department
        for name in COMMON_FIELDS + TYPE_FIELDS[record_type]:
            value = _parse_value(name, record[name]) if name in record else _empty_for(model, name)
            setattr(page, name, value)
        page.body = sanitize_html(page.body)
        for name, block in LIST_FIELDS[record_type].items():
            setattr(page, name, [(block, _block_value(name, item)) for item in record.get(name, [])])
        page.attachments = [("attachment", {"title": item["title"],
                                            "document": _document(item, self.base_dir, self.user)})
                            for item in record.get("attachments", [])]
        page.topics.set([self.topic(name) for name in record.get("topics", [])])

        if created:
            page.live = self.publish
            page.has_unpublished_changes = not self.publish
            section.add_child(instance=page)
        # a page just inserted was validated by that save (add_child) as it stands: not again
        revision = page.save_revision(user=self.user, log_action=True, clean=not created)
        if self._existing is not None:
            self._existing[page.slug] = (model, page.pk)
        if self.publish:
            # Whoever may run manage.py may publish; the user is recorded, not checked.
            revision.publish(user=self.user, skip_permission_checks=True)
        return page, created


def _block_value(name: str, item: dict) -> dict:
    value = dict(item)
    if name == "materials":
        value.setdefault("required", True)
    return value


def check_attachment(path: Path) -> None:
    """The admin's rules for uploads (extension allow-list, size limit) also hold for imports."""
    extension = path.suffix.lower().lstrip(".")
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if allowed and extension not in allowed:
        raise RecordError("attachments", gettext("不允许的文件类型 / file type not allowed: .%(extension)s") % {"extension": extension})
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit and path.stat().st_size > limit:
        raise RecordError("attachments", gettext("文件超过 %(mb)s MB / file too large: %(name)s") % {"mb": limit // (1024 * 1024), "name": path.name})


def _document(item: dict, base_dir: Path | None, user):
    """The Wagtail document for an attachment path (confined to the import folder, see
    ``cms.exchange.paths``), reused when the same file was imported."""
    try:
        path = confined_path(item["path"], base_dir)
        check_attachment(path)
        content = read_confined(path)
    except UnsafePath as error:
        raise RecordError("attachments", str(error)) from None
    digest = hashlib.sha1(content).hexdigest()
    Document = get_document_model()
    existing = Document.objects.filter(file_hash=digest).first()
    if existing:
        return existing
    document = Document(title=item["title"], uploaded_by_user=user)
    document.file.save(path.name, ContentFile(content), save=False)
    document.file_size = len(content)
    document.file_hash = digest
    document.save()
    return document


# --- export ---------------------------------------------------------------------------------------
def _export_value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _is_empty(value) -> bool:
    return value is None or value == "" or value == []


def _clean_item(value) -> dict:
    return {key: val for key, val in dict(value).items() if not _is_empty(val)}


def page_to_record(page: GovernmentPage, *, attachment_path=None) -> dict:
    """The exchange record of ``page`` (pass the latest revision's object to export drafts).
    ``attachment_path(document) -> str`` names attachment files in the export."""
    record_type = page.record_type
    record: dict = {"type": record_type, "slug": page.slug}
    for name in COMMON_FIELDS + TYPE_FIELDS[record_type]:
        value = _export_value(getattr(page, name))
        if not _is_empty(value):
            record[name] = value
    record["department"] = page.department.name
    topics = sorted(topic.name for topic in page.topics.all())
    if topics:
        record["topics"] = topics
    for name in LIST_FIELDS[record_type]:
        items = [_clean_item(child.value) for child in getattr(page, name)]
        if items:
            record[name] = items
    attachments = [
        {"title": child.value["title"],
         "path": attachment_path(child.value["document"]) if attachment_path
         else Path(child.value["document"].file.name).name}
        for child in page.attachments if child.value.get("document")
    ]
    if attachments:
        record["attachments"] = attachments
    return record
