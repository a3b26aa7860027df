"""Registries of widget types and connectors: the portal's two extension points.

A new widget type or connector is a class decorated with ``@register_widget_type`` or
``@register_connector``; nothing else lists them (the admin choices, the config validator and
the home builder all read these registries). Each class declares the JSON Schema of its own
settings so that the admin, ``portal_load_config`` and the API validate the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.template.loader import render_to_string


class RegistryError(LookupError):
    """Asked for a widget type or connector that nobody registered."""


@dataclass(frozen=True)
class FetchContext:
    """What a connector may know about the user: plain values, safe to pass to worker threads.

    ``token`` is a short-lived signed JWT for the widget's back end (never the session cookie).
    """

    user_id: int
    username: str
    display_name: str
    department: str
    roles: tuple[str, ...]
    token: str = ""
    backend_url: str = ""

    def template_fields(self) -> dict[str, str]:
        """The only names a URL or header template may use (``{user.username}`` and so on)."""
        return {
            "user.id": str(self.user_id),
            "user.username": self.username,
            "user.name": self.display_name,
            "user.department": self.department,
            "backend": self.backend_url,
        }


class Connector:
    """Fetches raw data for a widget from one kind of source.

    ``remote`` connectors talk HTTP and run in worker threads under a timeout and a circuit
    breaker; local ones (database queries) run in the request's thread, which owns the database
    connection and transaction. ``fetch`` returns JSON-serialisable data or raises.
    """

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    remote: ClassVar[bool] = True
    config_schema: ClassVar[dict] = {"type": "object"}

    def fetch(self, config: dict, ctx: FetchContext, timeout: float) -> Any:
        raise NotImplementedError

    def check_config(self, config: dict, backend_url: str) -> list[tuple[tuple, str]]:
        """Errors beyond the schema, as ``(path, reason)`` pairs; path is relative to the config."""
        return []


class WidgetType:
    """One kind of widget: its settings, how its data is shaped, and how it looks.

    ``normalize`` turns what the connector returned into this type's data (the same structure
    the JSON API shows and the template renders). Types with ``needs_connector = False`` build
    their data from settings alone (the application launcher).
    """

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    template: ClassVar[str] = ""
    needs_connector: ClassVar[bool] = True
    settings_schema: ClassVar[dict] = {"type": "object"}
    default_width: ClassVar[int] = 1

    def normalize(self, raw: Any, settings: dict) -> dict:
        return raw if isinstance(raw, dict) else {"items": raw}

    def static_data(self, key: str, settings: dict, ctx: FetchContext) -> dict:
        return {}

    def personalize(self, data, settings: dict, ctx: FetchContext):
        """Add what belongs to this user and must never be cached (the platform's own unread
        messages); runs on every request after the connector's (possibly cached) data."""
        return data

    def render(self, widget: dict, request=None) -> str:
        """HTML of one widget state (``widget`` is the JSON the API returns for it)."""
        return render_to_string(self.template, {"widget": widget, "data": widget.get("data") or {}}, request=request)


@dataclass
class _Registry:
    kind: str
    entries: dict[str, Any] = field(default_factory=dict)

    def register(self, cls):
        if not cls.name:
            raise ValueError(f"{cls.__name__} needs a name to be registered as a {self.kind}")
        self.entries[cls.name] = cls()
        return cls

    def get(self, name: str):
        try:
            return self.entries[name]
        except KeyError:
            raise RegistryError(f"unknown {self.kind} {name!r} (known: {', '.join(sorted(self.entries))})") from None

    def choices(self) -> list[tuple[str, str]]:
        return [(name, f"{entry.label} ({name})") for name, entry in sorted(self.entries.items())]

    def names(self) -> list[str]:
        return sorted(self.entries)


widget_types = _Registry("widget type")
connectors = _Registry("connector")


def register_widget_type(cls):
    """Class decorator: make a ``WidgetType`` subclass available by its ``name``."""
    return widget_types.register(cls)


def register_connector(cls):
    """Class decorator: make a ``Connector`` subclass available by its ``name``."""
    return connectors.register(cls)


def load_builtins() -> None:
    """Import the modules that register the built-in types (called from AppConfig.ready)."""
    from portal import connectors as _c  # noqa: F401
    from portal import widgets as _w  # noqa: F401
