"""A widget as the fetcher sees it: plain values copied from the database in the request thread,
so worker threads never touch the ORM."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings

from portal.registry import widget_types


@dataclass(frozen=True)
class WidgetSpec:
    key: str
    title: str
    type: str
    connector: str
    backend: str
    connector_config: dict
    settings: dict
    timeout: float
    cache_ttl: int
    version: str
    width: int = 1
    height: int = 1
    extra: dict = field(default_factory=dict)

    @property
    def backend_url(self) -> str:
        return settings.PORTAL_BACKENDS.get(self.backend, "") if self.backend else ""

    @property
    def widget_type(self):
        return widget_types.get(self.type)


def spec_from(definition, width: int | None = None, height: int | None = None) -> WidgetSpec:
    config = definition.as_config()
    version = hashlib.sha256(json.dumps(config, sort_keys=True, default=str).encode()).hexdigest()[:12]
    try:
        default_width = widget_types.get(definition.widget_type).default_width
    except LookupError:
        default_width = 1
    return WidgetSpec(
        key=definition.key,
        title=definition.title,
        type=definition.widget_type,
        connector=definition.connector,
        backend=definition.backend,
        connector_config=dict(definition.connector_config or {}),
        settings=dict(definition.settings or {}),
        timeout=definition.timeout or settings.PORTAL_WIDGET_TIMEOUT,
        cache_ttl=settings.PORTAL_CACHE_TTL if definition.cache_ttl is None else definition.cache_ttl,
        version=version,
        width=width or default_width,
        height=height or 1,
    )
