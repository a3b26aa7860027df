"""Read, validate and apply a portal configuration file (YAML or JSON), as in contracts §4.

The structure is what the admin edits::

    widgets:
      - {key, title, type, connector, backend, connector_config, settings, roles, departments,
         timeout, cache_ttl, enabled}
    layouts:
      - {name, role, department, priority, widgets: [{widget, width, height}]}

Validation runs over the whole file first and reports every problem as ``FILE:LINE: field:
reason``; nothing is written unless the whole file is valid. Loading is idempotent: widgets are
matched by ``key`` and layouts by ``name``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.contrib.auth.models import Group
from django.db import transaction

from portal.models import DefaultLayout, LayoutSlot, WidgetDefinition
from portal.validation import FILE_SCHEMA, layout_errors, schema_errors, widget_errors


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    reason: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}: {self.field or '(file)'}: {self.reason}"


class ConfigFileError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def field_name(path: tuple) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def line_of(root_node, path: tuple) -> int:
    """The line (1-based) of the deepest node of ``path`` that exists in the YAML node tree."""
    node, line = root_node, (root_node.start_mark.line + 1 if root_node is not None else 1)
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == step), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def parse(path: Path) -> tuple[object, object]:
    """``(data, node tree)``; syntax errors become a one-problem ``ConfigFileError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError([Problem(1, "", f"cannot read the file ({exc})")]) from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigFileError([Problem(exc.lineno, "", f"invalid JSON: {exc.msg}")]) from exc
        try:
            nodes = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            nodes = None  # valid JSON that PyYAML cannot read: report on line 1
        return data, nodes
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigFileError([Problem(mark.line + 1 if mark else 1, "", f"invalid YAML: {getattr(exc, 'problem', exc)}")]) from exc


def validate(data, nodes) -> list[Problem]:
    def problem(path: tuple, reason: str) -> Problem:
        return Problem(line_of(nodes, path) if nodes is not None else 1, field_name(path), reason)

    if data is None:
        data = {}
    errors = schema_errors(FILE_SCHEMA, data)
    if errors:
        return [problem(path, reason) for path, reason in errors]
    found: list[tuple[tuple, str]] = []
    keys: set[str] = set()
    for index, widget in enumerate(data.get("widgets", [])):
        found += [(("widgets", index) + path, reason) for path, reason in widget_errors(widget)]
        key = widget.get("key")
        if isinstance(key, str):
            if key in keys:
                found.append((("widgets", index, "key"), f"duplicate key {key!r}"))
            keys.add(key)
    known = keys | set(WidgetDefinition.objects.values_list("key", flat=True))
    names: set[str] = set()
    for index, layout in enumerate(data.get("layouts", [])):
        found += [(("layouts", index) + path, reason) for path, reason in layout_errors(layout, known)]
        name = layout.get("name")
        if isinstance(name, str):
            if name in names:
                found.append((("layouts", index, "name"), f"duplicate layout name {name!r}"))
            names.add(name)
    problems = [problem(path, reason) for path, reason in found]
    return sorted(problems, key=lambda p: p.line)


def _group(name: str | None) -> Group | None:
    return Group.objects.get_or_create(name=name)[0] if name else None


@transaction.atomic
def apply(data) -> dict[str, int]:
    """Write a validated configuration; returns counts for the summary line."""
    data = data or {}
    counts = {"widgets": 0, "layouts": 0}
    for widget in data.get("widgets", []):
        definition, _ = WidgetDefinition.objects.update_or_create(
            key=widget["key"],
            defaults={
                "title": widget["title"], "widget_type": widget["type"], "connector": widget.get("connector") or "",
                "backend": widget.get("backend") or "", "connector_config": widget.get("connector_config") or {},
                "settings": widget.get("settings") or {}, "departments": widget.get("departments") or [],
                "timeout": widget.get("timeout"), "cache_ttl": widget.get("cache_ttl"), "enabled": widget.get("enabled", True),
            },
        )
        definition.roles.set([_group(name) for name in widget.get("roles", [])])
        counts["widgets"] += 1
    for layout in data.get("layouts", []):
        default, _ = DefaultLayout.objects.update_or_create(
            name=layout["name"],
            defaults={"role": _group(layout.get("role")), "department": layout.get("department") or "",
                      "priority": layout.get("priority", 100)},
        )
        LayoutSlot.objects.filter(layout=default).delete()
        widgets = {w.key: w for w in WidgetDefinition.objects.filter(key__in=[s["widget"] for s in layout["widgets"]])}
        LayoutSlot.objects.bulk_create([
            LayoutSlot(layout=default, widget=widgets[slot["widget"]], width=slot.get("width", 1), height=slot.get("height", 1), sort_order=i)
            for i, slot in enumerate(layout["widgets"])
        ])
        counts["layouts"] += 1
    return counts


def dump() -> dict:
    """The current widgets and layouts in the file structure (``portal_dump_config``)."""
    widgets = [
        {k: v for k, v in w.as_config(role_names=sorted(w.roles.values_list("name", flat=True))).items() if v not in (None, [], {})}
        for w in WidgetDefinition.objects.prefetch_related("roles").order_by("key")
    ]
    layouts = [
        {"name": layout.name, **({"role": layout.role.name} if layout.role else {}),
         **({"department": layout.department} if layout.department else {}), "priority": layout.priority,
         "widgets": [{"widget": slot.widget.key, "width": slot.width, "height": slot.height} for slot in layout.slots.all()]}
        for layout in DefaultLayout.objects.select_related("role").prefetch_related("slots__widget")
    ]
    return {"widgets": widgets, "layouts": layouts}


def load(path: Path, *, dry_run: bool = False) -> dict[str, int]:
    data, nodes = parse(path)
    problems = validate(data, nodes)
    if problems:
        raise ConfigFileError(problems)
    return {"widgets": len((data or {}).get("widgets", [])), "layouts": len((data or {}).get("layouts", []))} if dry_run else apply(data)
