"""Periodic checks: a registry of functions the worker runs every ``OVERSIGHT_CHECK_INTERVAL``
seconds (expiring content, efficiency cards, due deliveries, ...).

The periodic worker (``manage.py run_periodic``) enqueues ``run_checks`` each interval, so the checks run in the
task worker like all other background work; each check is isolated (one failing is logged and
the others still run) and must be idempotent (running twice says nothing twice).
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django_tasks import task

from ops.periodic import register_periodic_job

logger = logging.getLogger(__name__)

_checks: dict[str, Callable[[], int]] = {}


def register_check(name: str):
    """Decorator: run ``fn()`` (returning a count of things done) on every periodic round."""

    def decorator(fn):
        _checks[name] = fn
        return fn

    return decorator


def check_names() -> list[str]:
    return list(_checks)


def run_all() -> dict[str, int | str]:
    results: dict[str, int | str] = {}
    for name, fn in _checks.items():
        try:
            results[name] = fn()
        except Exception as exc:  # noqa: BLE001 - one broken check must not stop the others
            logger.exception("periodic check %s failed", name)
            results[name] = f"error: {type(exc).__name__}"
    return results


@task()
def run_checks() -> dict:
    return run_all()


@register_check("content_expiring")
def _expiring() -> int:
    from notifications.producers import notify_expiring_content

    return notify_expiring_content()


@register_check("due_deliveries")
def _due() -> int:
    from notifications.tasks import send_due_deliveries

    return send_due_deliveries()


# The one periodic worker (``manage.py run_periodic``, ops/periodic.py) enqueues the checks every
# OVERSIGHT_CHECK_INTERVAL seconds, under its leadership lease (two worker sets never both do).
@register_periodic_job("notifications.checks", interval=lambda: settings.OVERSIGHT_CHECK_INTERVAL)
def enqueue_periodic_checks() -> None:
    run_checks.enqueue()
