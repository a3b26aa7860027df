"""The theme registry: which themes exist and what each one is.

A theme is a folder with a ``theme.json`` (label, design tokens, header and footer content), an
optional ``templates/`` folder (templates that override the core ones by name, e.g.
``theme/header.html``) and an optional ``static/`` folder (served under ``/static/themes/<name>/``).
Adding a theme means adding a folder — under ``themes/`` in this app, or in any folder listed in
``THEMES_DIRS`` — never editing core templates. Code may also call :func:`register_theme`.

The registry is filled once at start-up (``ThemesConfig.ready``) and is read-only afterwards;
system checks (``themes/checks.py``) report a broken ``theme.json`` or an unknown default theme.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.utils.translation import gettext


APP_DIR = Path(__file__).resolve().parent
THEME_FILE = "theme.json"
NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
# Token groups that every theme must define: the base stylesheet reads these variables.
REQUIRED_COLOURS = (
    "primary", "primary-dark", "on-primary", "accent", "on-accent", "text", "muted",
    "background", "surface", "border", "link", "focus",
)


class ThemeError(ValueError):
    """A theme folder or ``theme.json`` is unusable; the message names the file and the field."""


@dataclass(frozen=True)
class Theme:
    """One registered theme. ``tokens`` are the design tokens (colours, fonts, sizes) that become
    CSS custom properties and are served as JSON to headless clients."""

    name: str
    label: str
    folder: Path
    tokens: dict[str, Any]
    description: str = ""
    logo: str = ""  # path relative to the theme's static folder
    favicon: str = ""  # the browser-tab icon, relative to the static folder (theme.json "favicon", else the logo)
    header: dict[str, Any] = field(default_factory=dict)
    footer: dict[str, Any] = field(default_factory=dict)
    stylesheets: tuple[str, ...] = ("theme.css",)

    @property
    def template_dir(self) -> Path:
        return self.folder / "templates"

    @property
    def static_dir(self) -> Path:
        return self.folder / "static"

    @property
    def static_prefix(self) -> str:
        return f"themes/{self.name}"

    def static_path(self, relative: str) -> str:
        """The path to give ``{% static %}`` for a file in this theme's static folder."""
        return f"{self.static_prefix}/{relative}"

    def in_language(self) -> "Theme":
        """This theme with its words (``TEXT_FIELDS``) in the active language: theme.json is
        written in Chinese, and ``scripts/translations`` puts those texts in the catalogues."""
        return replace(self, label=_translated(self.label), description=_translated(self.description),
                       header=_translate_texts(self.header, "header"), footer=_translate_texts(self.footer, "footer"))

    def css_variables(self) -> dict[str, str]:
        """Flatten nested tokens into CSS custom properties: ``color.primary`` → ``--color-primary``."""
        return dict(_flatten("-", self.tokens))


# The words of a theme.json that readers see, as dotted paths ("*": every item of a list). The rest is
# identity (names of bodies, site and ICP numbers), design tokens or file names.
TEXT_FIELDS = ("label", "description", "header.tagline", "header.links.*.label", "footer.contact",
               "footer.note", "footer.links.*.label")


def texts_of(data: dict[str, Any]) -> list[str]:
    """The ``TEXT_FIELDS`` values of one theme.json (for the translation catalogues)."""
    found: list[str] = []

    def walk(value: Any, parts: list[str]) -> None:
        if not parts:
            if isinstance(value, str) and value.strip():
                found.append(value)
        elif parts[0] == "*":
            for item in value if isinstance(value, list) else ():
                walk(item, parts[1:])
        elif isinstance(value, dict):
            walk(value.get(parts[0]), parts[1:])

    for dotted in TEXT_FIELDS:
        walk(data, dotted.split("."))
    return found


def _translated(text: str) -> str:
    return gettext(text) if text else text


def _translate_texts(section: dict[str, Any], name: str) -> dict[str, Any]:
    """A copy of ``header`` or ``footer`` with its TEXT_FIELDS translated."""
    wanted = {field.split(".", 1)[1] for field in TEXT_FIELDS if field.startswith(name + ".")}
    out = dict(section)
    for key, value in section.items():
        if key in wanted and isinstance(value, str):
            out[key] = _translated(value)
        elif f"{key}.*.label" in wanted and isinstance(value, list):
            out[key] = [{**item, "label": _translated(item.get("label", ""))} if isinstance(item, dict) else item
                        for item in value]
    return out


def _flatten(prefix: str, value: Any):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(f"{prefix}-{key}", inner)
    else:
        yield prefix, str(value)


_registry: dict[str, Theme] = {}


def register_theme(theme: Theme) -> Theme:
    """Add a theme; a second theme with the same name is an error rather than a silent override."""
    existing = _registry.get(theme.name)
    if existing and existing.folder != theme.folder:
        raise ThemeError(f"theme {theme.name!r} is defined twice: {existing.folder} and {theme.folder}")
    _registry[theme.name] = theme
    return theme


def get_theme(name: str) -> Theme:
    try:
        return _registry[name]
    except KeyError:
        raise ThemeError(f"unknown theme {name!r}; registered: {', '.join(sorted(_registry)) or 'none'}") from None


def all_themes() -> list[Theme]:
    return sorted(_registry.values(), key=lambda theme: theme.name)


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.name, _translated(theme.label)) for theme in all_themes()]


def load_theme_folder(folder: Path) -> Theme:
    """Read one theme folder; raises :class:`ThemeError` saying exactly what is wrong."""
    path = folder / THEME_FILE
    name = folder.name
    if not NAME_RE.match(name):
        raise ThemeError(f"{folder}: a theme folder name must match {NAME_RE.pattern}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ThemeError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: must hold a JSON object")
    tokens = data.get("tokens")
    if not isinstance(tokens, dict) or not isinstance(tokens.get("color"), dict):
        raise ThemeError(f"{path}: tokens.color: required object")
    missing = [key for key in REQUIRED_COLOURS if key not in tokens["color"]]
    if missing:
        raise ThemeError(f"{path}: tokens.color: missing {', '.join(missing)}")
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        raise ThemeError(f"{path}: label: required text")
    stylesheets = data.get("stylesheets", ["theme.css"])
    if not isinstance(stylesheets, list) or not all(isinstance(s, str) for s in stylesheets):
        raise ThemeError(f"{path}: stylesheets: must be a list of file names")
    return Theme(
        name=name,
        label=label,
        folder=folder,
        tokens=tokens,
        description=str(data.get("description", "")),
        logo=str(data.get("logo", "")),
        favicon=str(data.get("favicon") or data.get("logo", "")),
        header=dict(data.get("header", {})),
        footer=dict(data.get("footer", {})),
        stylesheets=tuple(stylesheets),
    )


def theme_folders(extra_dirs: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Every folder holding a ``theme.json``: this app's own, then those under ``extra_dirs``."""
    roots = [APP_DIR, *(Path(d) for d in extra_dirs)]
    found = []
    for root in roots:
        if root.is_dir():
            found.extend(sorted(p.parent for p in root.glob(f"*/{THEME_FILE}")))
    return found


def discover(extra_dirs: list[str] | tuple[str, ...] = ()) -> list[Theme]:
    """Register every theme folder found; called once from ``ThemesConfig.ready``."""
    return [register_theme(load_theme_folder(folder)) for folder in theme_folders(extra_dirs)]
