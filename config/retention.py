"""How long personal data is kept, and the purge that enforces it.

Each app that stores personal data (search queries and clicks, failed-login usernames, client
addresses, user agents) registers a purge in its own ``retention.py`` module (found by
``autodiscover_modules``, so nothing here knows the apps)::

    @register_purge("search.querylog", setting="RETENTION_ANALYTICS_DAYS")
    def purge_query_log(before) -> int: ...

``RETENTION_ANALYTICS_DAYS`` (search logs, default 180) and ``RETENTION_PERSONAL_DATA_DAYS``
(addresses, user agents and usernames of refused logins in the audit log, default 90) are the
settings. :func:`purge_expired` runs every purge; the scheduler worker (``run_scheduler``) calls
:func:`purge_if_due` on every tick, which runs it at most once per ``RETENTION_PURGE_INTERVAL``
seconds; ``manage.py purge_personal_data`` runs it by hand.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purge:
    name: str
    setting: str
    run: Callable


_PURGES: dict[str, Purge] = {}
_last_run = 0.0


def register_purge(name: str, *, setting: str):
    def decorator(func):
        _PURGES[name] = Purge(name, setting, func)
        return func
    return decorator


def purges() -> list[Purge]:
    autodiscover_modules("retention")
    return sorted(_PURGES.values(), key=lambda purge: purge.name)


def purge_expired(now=None) -> dict[str, int]:
    """Run every registered purge; return rows changed per purge."""
    now = now or timezone.now()
    done = {}
    for purge in purges():
        days = getattr(settings, purge.setting)
        done[purge.name] = purge.run(now - timedelta(days=days))
    logger.info("retention purge: %s", ", ".join(f"{name}={count}" for name, count in done.items()))
    return done


def purge_if_due() -> dict[str, int] | None:
    global _last_run
    if time.monotonic() - _last_run < settings.RETENTION_PURGE_INTERVAL and _last_run:
        return None
    _last_run = time.monotonic()
    try:
        return purge_expired()
    except Exception:  # never stop the worker loop for it; the next interval tries again
        logger.exception("retention purge failed")
        return None
