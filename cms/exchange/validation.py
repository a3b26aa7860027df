"""Whole-file validation of an import file before anything is written.

Every problem becomes one ``Problem(line, field, reason)``; the command prints them as
``FILE:LINE: field: reason``. Checks: JSON syntax, content.schema.json (jsonschema, Draft 2020-12),
then what the schema cannot say: fields that do not belong to the record's type, date-times
without a time zone, expiry before publication, duplicate slugs in the file, a slug already used
by another type, unknown sites, and attachment files (present, allowed type, size limit)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import jsonschema
from wagtail.models import Site
from django.utils.translation import gettext

from cms.exchange.fields import DATE_FIELDS, DATETIME_FIELDS, fields_for
from cms.exchange.paths import UnsafePath, confined_path
from cms.vocabulary import ContentType

SCHEMA_PATH = Path(__file__).with_name("content.schema.json")
TYPE_LABELS = dict(ContentType.choices)


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    reason: str

    def format(self, file_name: str) -> str:
        return f"{file_name}:{self.line}: {self.field}: {self.reason}"


@dataclass
class ParsedFile:
    records: list[tuple[int, dict]]
    problems: list[Problem]


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def schema_problems(line: int, record) -> list[Problem]:
    """jsonschema errors as problems, with the field named and the reason in plain words."""
    problems = []
    for error in sorted(validator().iter_errors(record), key=lambda e: list(map(str, e.absolute_path))):
        field = _path(error.absolute_path)
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            for name in missing:
                problems.append(Problem(line, _path([*error.absolute_path, name]), gettext("缺少必填字段 / required")))
            continue
        if error.validator == "additionalProperties":
            allowed = set(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - allowed):
                problems.append(Problem(line, _path([*error.absolute_path, name]), gettext("未知字段 / unknown field")))
            continue
        reason = {
            "enum": lambda: gettext("取值必须是 %(values)s") % {"values": " / ".join(map(str, error.validator_value))},
            "type": lambda: gettext("类型应为 %(type)s / expected %(type)s") % {"type": error.validator_value},
            "pattern": lambda: gettext("格式不符，应匹配 %(pattern)s") % {"pattern": error.validator_value},
            "minLength": lambda: gettext("不能为空 / must not be empty"),
            "maxLength": lambda: gettext("长度不能超过 %(limit)s") % {"limit": error.validator_value},
            "minimum": lambda: gettext("不能小于 %(minimum)s") % {"minimum": error.validator_value},
            "uniqueItems": lambda: gettext("有重复项 / duplicate items"),
            "format": lambda: gettext("不是有效的 %(format)s / invalid %(format)s") % {"format": error.validator_value},
        }.get(error.validator, lambda: error.message)()
        problems.append(Problem(line, field or "(record)", reason))
    return problems


def semantic_problems(line: int, record: dict, base_dir: Path) -> list[Problem]:
    """Rules the schema cannot express. Called only for schema-valid records."""
    from cms.exchange.records import RecordError, check_attachment

    problems = []
    allowed = fields_for(record["type"])
    for name in record:
        if name not in allowed:
            problems.append(Problem(line, name, gettext("不适用于%(label)s（%(type)s）") % {"label": TYPE_LABELS[record["type"]], "type": record["type"]}))
    parsed: dict = {}
    for name in DATETIME_FIELDS & set(record):
        if record[name] is None:
            continue
        try:
            value = datetime.fromisoformat(record[name])
        except ValueError:
            problems.append(Problem(line, name, gettext("不是有效的 date-time / invalid date-time")))
            continue
        if value.tzinfo is None:
            problems.append(Problem(line, name, gettext("缺少时区，例如 +08:00 / missing time zone offset")))
        else:
            parsed[name] = value
    for name in DATE_FIELDS & set(record):
        if record[name] is not None:
            try:
                date.fromisoformat(record[name])
            except ValueError:
                problems.append(Problem(line, name, gettext("不是有效的日期 YYYY-MM-DD / invalid date")))
    if "published_at" in parsed and "expires_at" in parsed and parsed["expires_at"] <= parsed["published_at"]:
        problems.append(Problem(line, "expires_at", gettext("失效时间必须晚于发布时间 / must be after published_at")))
    if record.get("site") and not Site.objects.filter(hostname=record["site"]).exists():
        problems.append(Problem(line, "site", gettext("没有这个站点 / unknown site: %(site)s") % {"site": record["site"]}))
    for index, item in enumerate(record.get("attachments", [])):
        try:
            check_attachment(confined_path(item["path"], base_dir))
        except UnsafePath as error:
            problems.append(Problem(line, f"attachments[{index}].path", str(error)))
        except RecordError as error:
            problems.append(Problem(line, f"attachments[{index}].path", error.reason))
    return problems


def model_field_problems(line: int, record: dict) -> list[Problem]:
    """The model's own rules for plain text fields (length, validators such as http(s)-only URLs),
    checked up front so that every problem of the file is reported at once, never while writing."""
    from django.core.exceptions import FieldDoesNotExist, ValidationError
    from django.db import models

    from cms.models import CONTENT_TYPES

    model = CONTENT_TYPES[record["type"]]
    problems = []
    for name, value in record.items():
        if not isinstance(value, str) or name in DATETIME_FIELDS | DATE_FIELDS:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        try:
            field.run_validators(value)
        except ValidationError as error:
            for message in error.messages:
                problems.append(Problem(line, name, str(message)))
    problems += _taxonomy_name_problems(line, record)
    return problems


def _taxonomy_name_problems(line: int, record: dict) -> list[Problem]:
    """Departments and topics are created by name on import: their name length is a rule too."""
    from cms.models import Department, Topic

    problems = []
    names = {"department": [record.get("department")], "topics": list(record.get("topics") or [])}
    for field, model in (("department", Department), ("topics", Topic)):
        limit = model._meta.get_field("name").max_length
        for index, value in enumerate(names[field]):
            if isinstance(value, str) and len(value) > limit:
                label = field if field == "department" else f"topics[{index}]"
                problems.append(Problem(line, label, gettext("长度不能超过 %(limit)s") % {"limit": limit}))
    return problems


def existing_types(slugs: set[str]) -> dict[str, str]:
    """slug → record type of the pages that already exist with those slugs."""
    from cms.models import CONTENT_TYPES

    found: dict[str, str] = {}
    for record_type, model in CONTENT_TYPES.items():
        for slug in model.objects.filter(slug__in=slugs).values_list("slug", flat=True):
            found[slug] = record_type
    return found


def parse_file(path: Path) -> ParsedFile:
    """Read and validate every line of ``path``; blank lines are skipped."""
    records: list[tuple[int, dict]] = []
    problems: list[Problem] = []
    first_line_of: dict[str, int] = {}
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(Problem(number, "(line)", gettext("不是有效的 UTF-8 编码 / invalid UTF-8 at byte %(byte)s") % {"byte": error.start + 1}))
                continue
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                problems.append(Problem(number, "(line)", gettext("不是有效的 JSON / invalid JSON: %(error)s (column %(column)s)") % {"error": error.msg, "column": error.colno}))
                continue
            except RecursionError:
                problems.append(Problem(number, "(line)", gettext("JSON 嵌套过深 / JSON nested too deeply")))
                continue
            found = schema_problems(number, record)
            if not found:
                found = semantic_problems(number, record, path.parent) + model_field_problems(number, record)
                slug = record["slug"]
                if slug in first_line_of:
                    found.append(Problem(number, "slug", gettext("与第 %(line)s 行重复 / duplicate of line %(line)s") % {"line": first_line_of[slug]}))
                else:
                    first_line_of[slug] = number
            problems.extend(found)
            if not found:
                records.append((number, record))
    types = existing_types({record["slug"] for _, record in records})
    for number, record in records:
        existing = types.get(record["slug"])
        if existing and existing != record["type"]:
            problems.append(Problem(number, "type", gettext("标识 %(slug)s 已被%(label)s使用 / slug used by a %(type)s") % {"slug": record["slug"], "label": TYPE_LABELS[existing], "type": existing}))
    problems.sort(key=lambda problem: (problem.line, problem.field))
    return ParsedFile(records=records, problems=problems)
