"""What a valid widget definition and layout are: one set of rules for the admin, the loader
and the API. Errors are ``(path, reason)`` pairs, the path a tuple of keys and indexes, so the
loader can point at the exact line of the file (see ``portal.config_file``).
"""
from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from jsonschema import Draft202012Validator

from portal.models import MAX_HEIGHT, MAX_WIDTH
from portal.registry import RegistryError, connectors, widget_types

Error = tuple[tuple, str]

WIDGET_SCHEMA = {
    "type": "object",
    "required": ["key", "title", "type"],
    "additionalProperties": False,
    "properties": {
        "key": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 80},
        "title": {"type": "string", "minLength": 1, "maxLength": 100},
        "type": {"type": "string"},
        "connector": {"type": ["string", "null"]},
        "backend": {"type": ["string", "null"]},
        "connector_config": {"type": "object"},
        "settings": {"type": "object"},
        "roles": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "departments": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "timeout": {"type": "number", "minimum": 0.05, "maximum": 60},
        "cache_ttl": {"type": "integer", "minimum": 0},
        "enabled": {"type": "boolean"},
    },
}

SLOT_SCHEMA = {
    "type": "object",
    "required": ["widget"],
    "additionalProperties": False,
    "properties": {
        "widget": {"type": "string"},
        "width": {"type": "integer", "minimum": 1, "maximum": MAX_WIDTH},
        "height": {"type": "integer", "minimum": 1, "maximum": MAX_HEIGHT},
    },
}

LAYOUT_SCHEMA = {
    "type": "object",
    "required": ["name", "widgets"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 100},
        "role": {"type": ["string", "null"]},
        "department": {"type": ["string", "null"]},
        "priority": {"type": "integer"},
        "widgets": {"type": "array", "items": SLOT_SCHEMA},
    },
}

FILE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "widgets": {"type": "array", "items": {"type": "object"}},
        "layouts": {"type": "array", "items": {"type": "object"}},
    },
}


def schema_errors(schema: dict, value, prefix: tuple = ()) -> list[Error]:
    validator = Draft202012Validator(schema)
    found = sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
    return [(prefix + tuple(error.absolute_path), error.message) for error in found]


def widget_errors(config: dict) -> list[Error]:
    """Everything wrong with one widget definition (paths relative to it)."""
    errors = schema_errors(WIDGET_SCHEMA, config)
    if errors:
        return errors
    try:
        wtype = widget_types.get(config["type"])
    except RegistryError as exc:
        return [(("type",), str(exc))]
    errors += schema_errors(wtype.settings_schema, config.get("settings") or {}, ("settings",))
    if not wtype.needs_connector:
        return errors
    name = config.get("connector")
    if not name:
        return errors + [(("connector",), f"widget type {wtype.name!r} needs a connector")]
    try:
        connector = connectors.get(name)
    except RegistryError as exc:
        return errors + [(("connector",), str(exc))]
    backend_url = ""
    if connector.remote:
        backend = config.get("backend")
        backends = settings.PORTAL_BACKENDS
        if not backend:
            return errors + [(("backend",), f"connector {name!r} calls a back end: name one of {', '.join(sorted(backends))}")]
        if backend not in backends:
            return errors + [(("backend",), f"unknown back end {backend!r} (PORTAL_BACKENDS has: {', '.join(sorted(backends))})")]
        backend_url = backends[backend]
    conf = config.get("connector_config") or {}
    conf_errors = schema_errors(connector.config_schema, conf, ("connector_config",))
    if not conf_errors:
        conf_errors = [(("connector_config",) + tuple(path), reason) for path, reason in connector.check_config(conf, backend_url)]
    return errors + conf_errors


def layout_errors(config: dict, known_widgets: Iterable[str]) -> list[Error]:
    errors = schema_errors(LAYOUT_SCHEMA, config)
    slots = config.get("widgets") if isinstance(config, dict) else None
    known = set(known_widgets)
    seen: set[str] = set()
    for index, slot in enumerate(slots if isinstance(slots, list) else []):
        if not isinstance(slot, dict) or not isinstance(slot.get("widget"), str):
            continue
        if slot["widget"] not in known:
            errors.append((("widgets", index, "widget"), f"unknown widget {slot['widget']!r}"))
        elif slot["widget"] in seen:
            errors.append((("widgets", index, "widget"), f"widget {slot['widget']!r} appears twice in this layout"))
        seen.add(slot["widget"])
    return errors
