"""Typed readers for environment variables.

Every setting that differs between deployments comes through these helpers so that a bad value
fails at start-up with one clear line (``ImproperlyConfigured``) instead of misbehaving later.
A secret may also be given as ``<NAME>_FILE`` pointing at a file that holds it (Docker/K8s style).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable, or the content of the file named by ``<name>_FILE``, or ``default``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name}: cannot read it ({exc.strerror})") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}")
    return value


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Comma-separated list; blanks dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_json(name: str, default=None):
    raw = env_str(name, "")
    if not raw.strip():
        return default
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {exc.msg} at position {exc.pos}") from exc


def env_choice(name: str, default: str, choices: set[str] | frozenset[str]) -> str:
    """One of ``choices``; anything else stops start-up naming the allowed values."""
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(sorted(choices))}")
    return value


def env_url_map(name: str, default: dict[str, str]) -> dict[str, str]:
    """A JSON object of names to http(s) base URLs (trailing slashes dropped), e.g.
    ``{"oa": "https://oa.example.gov.cn"}``; says which entry is wrong otherwise."""
    value = env_json(name, default)
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f'{name} must be a JSON object like {{"oa": "https://oa.example.gov.cn"}}')
    for key, url in value.items():
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(f"{name}[{key!r}] must be an http(s) base URL, not {url!r}")
    return {key: url.rstrip("/") for key, url in value.items()}
