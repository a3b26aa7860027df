"""Registry of the content types the API serves with their own typed schema.

Each entry names a Wagtail page model (``app_label.ModelName``), the short type name clients use
(``service_guide``, ``notice``, ``policy``: the names of content.schema.json) and how to turn a
page into the typed JSON object. A new content type is one ``register_content_type`` call in the
module that defines its schema; nothing else in the API changes. Pages of other models are still
served, generically, under ``/api/v1/pages/``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from django.apps import apps

# serialize(page, fields): the typed JSON object; ``fields`` (a set, None = all) limits what is computed.
Serializer = Callable[..., dict]


@dataclass(frozen=True)
class ContentTypeSpec:
    name: str
    model_label: str
    schema: type
    serialize: Serializer

    @property
    def model(self):
        return apps.get_model(self.model_label)


_registry: dict[str, ContentTypeSpec] = {}
GENERIC_TYPE = "page"  # the type name of every page model without a typed schema


def register_content_type(spec: ContentTypeSpec) -> ContentTypeSpec:
    if spec.name in _registry and _registry[spec.name].model_label != spec.model_label:
        raise ValueError(f"content type {spec.name!r} is already registered for {_registry[spec.name].model_label}")
    _registry[spec.name] = spec
    return spec


def content_types() -> list[ContentTypeSpec]:
    """Every registered type (a type whose model is missing is an error, not a silent gap)."""
    return list(_registry.values())


def content_type_names() -> list[str]:
    return [spec.name for spec in content_types()]


def get_content_type(name: str) -> ContentTypeSpec | None:
    return _registry.get(name)


def spec_for_model(model) -> ContentTypeSpec | None:
    label = model._meta.label
    for spec in content_types():
        if spec.model_label == label:
            return spec
    return None


def type_name_for_page(page) -> str:
    """The API type of ``page``: its registered name, else ``page`` (served generically)."""
    spec = spec_for_model(page.specific_class or type(page))
    return spec.name if spec else GENERIC_TYPE
