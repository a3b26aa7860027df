"""Registry of periodic jobs, all run by one worker process (``manage.py run_periodic``).

Each app that has periodic work puts a ``periodic.py`` module beside its models and registers
its jobs there::

    @register_periodic_job("cms.scheduler", interval=lambda: settings.CMS_SCHEDULER_INTERVAL)
    def publish_scheduled_pages(): ...

One process for all of it instead of one polling loop per app: fewer idle wake-ups and database
connections (on SQLite, fewer processes contending for the write lock), and one place where
leadership is checked, so two worker sets never run the same job twice (``ops.leadership``).
A job may be registered with ``enabled`` (a callable) to run only under some settings.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

Number = float | int


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[], object]
    interval: Callable[[], Number]
    enabled: Callable[[], bool]


_jobs: dict[str, PeriodicJob] = {}


def register_periodic_job(name: str, *, interval: Number | Callable[[], Number],
                          enabled: Callable[[], bool] | None = None):
    """Decorator: run the function every ``interval`` seconds (a number, or a callable read at
    start so that settings may decide). Registering the same name again replaces the job."""
    interval_of = interval if callable(interval) else (lambda: interval)

    def decorator(func: Callable[[], object]):
        _jobs[name] = PeriodicJob(name, func, interval_of, enabled or (lambda: True))
        return func

    return decorator


def periodic_jobs() -> list[PeriodicJob]:
    """Every registered job whose ``enabled`` says yes, after importing each app's module."""
    autodiscover_modules("periodic")
    return [job for job in sorted(_jobs.values(), key=lambda job: job.name) if job.enabled()]
