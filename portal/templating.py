"""Tiny, safe templates for connector URLs and headers, and dotted JSON paths.

Only the names in ``FetchContext.template_fields`` may appear (``{user.username}``, ``{backend}``
...): no attribute access, no format specs, so an admin-written template cannot reach into
Python objects. User values are URL-quoted where they go into a URL.
"""
from __future__ import annotations

import re
from urllib.parse import quote

PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")
KNOWN = {"user.id", "user.username", "user.name", "user.department", "backend"}


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if name not in KNOWN]


def render(text: str, fields: dict[str, str], *, url: bool = False) -> str:
    def substitute(match: re.Match) -> str:
        name = match.group(1)
        value = fields.get(name, "")
        if url and name != "backend":
            return quote(value, safe="")
        return value

    return PLACEHOLDER.sub(substitute, text)


def dig(value, path: str | None):
    """Follow ``a.b.0.c`` into nested dicts/lists; ``None`` when any step is missing."""
    if not path:
        return value
    for step in path.split("."):
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and step.lstrip("-").isdigit() and -len(value) <= int(step) < len(value):
            value = value[int(step)]
        else:
            return None
    return value
