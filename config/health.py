"""Liveness (``/healthz``) and readiness (``/readyz``) as in shared/contracts §5.

Readiness checks are a registry: the database and cache checks live here, and an app adds its
own (the search engine, for instance) with ``register_readiness_check`` in ``AppConfig.ready``.
A check returns nothing when the component answers and raises when it does not.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

ReadinessCheck = Callable[[], None]
_checks: dict[str, ReadinessCheck] = {}


def register_readiness_check(name: str, check: ReadinessCheck) -> None:
    """Add (or replace) the readiness check for component ``name``."""
    _checks[name] = check


def readiness_checks() -> dict[str, ReadinessCheck]:
    return dict(_checks)


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    probe_key = "readyz:probe"
    cache.set(probe_key, "1", timeout=5)
    if cache.get(probe_key) != "1":
        raise RuntimeError("cache did not return what was written")


register_readiness_check("database", check_database)
register_readiness_check("cache", check_cache)


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    components: dict[str, dict] = {}
    down: list[str] = []
    for name, check in _checks.items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:  # a readiness probe must report, never raise
            logger.warning("readiness check %s failed: %s", name, exc)
            components[name] = {"status": "down", "error": f"{type(exc).__name__}: {exc}"[:300]}
            down.append(name)
        else:
            components[name] = {"status": "ok", "ms": round((time.monotonic() - started) * 1000, 1)}
    body = {"status": "down" if down else "ok", "down": down, "components": components}
    return JsonResponse(body, status=503 if down else 200)
