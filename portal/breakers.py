"""One circuit breaker per back end, its state in the Django cache (Redis in production) so
that every app process sees the same open / half-open / closed state.

pybreaker keeps a cached state object per breaker instance and re-reads the storage on each
call, so instances in several processes agree through ``CacheBreakerStorage``.
"""
from __future__ import annotations

import threading
from datetime import UTC, datetime

import pybreaker
from django.conf import settings
from django.core.cache import caches

PREFIX = "portal:breaker:v1"
_breakers: dict[str, pybreaker.CircuitBreaker] = {}
_lock = threading.Lock()


class CacheBreakerStorage(pybreaker.CircuitBreakerStorage):
    """pybreaker storage over a Django cache; counters use the cache's atomic ``incr``."""

    def __init__(self, name: str, alias: str | None = None):
        super().__init__(name)
        self._cache = caches[alias or settings.PORTAL_CACHE_ALIAS]
        self._prefix = f"{PREFIX}:{name}"

    def _key(self, part: str) -> str:
        return f"{self._prefix}:{part}"

    @property
    def state(self) -> str:
        return self._cache.get(self._key("state")) or pybreaker.STATE_CLOSED

    @state.setter
    def state(self, state: str) -> None:
        self._cache.set(self._key("state"), state, None)

    def _incr(self, part: str) -> None:
        key = self._key(part)
        self._cache.add(key, 0, None)
        try:
            self._cache.incr(key)
        except ValueError:  # evicted between add and incr
            self._cache.set(key, 1, None)

    def increment_counter(self) -> None:
        self._incr("fails")

    def reset_counter(self) -> None:
        self._cache.set(self._key("fails"), 0, None)

    def increment_success_counter(self) -> None:
        self._incr("successes")

    def reset_success_counter(self) -> None:
        self._cache.set(self._key("successes"), 0, None)

    @property
    def counter(self) -> int:
        return int(self._cache.get(self._key("fails")) or 0)

    @property
    def success_counter(self) -> int:
        return int(self._cache.get(self._key("successes")) or 0)

    @property
    def opened_at(self) -> datetime | None:
        stamp = self._cache.get(self._key("opened_at"))
        return datetime.fromtimestamp(stamp, UTC) if stamp else None

    @opened_at.setter
    def opened_at(self, value: datetime) -> None:
        self._cache.set(self._key("opened_at"), value.timestamp(), None)


def make_breaker(backend: str) -> pybreaker.CircuitBreaker:
    return pybreaker.CircuitBreaker(
        fail_max=settings.PORTAL_BREAKER_FAIL_MAX,
        reset_timeout=settings.PORTAL_BREAKER_RESET_SECONDS,
        state_storage=CacheBreakerStorage(backend),
        name=backend,
    )


def breaker_for(backend: str) -> pybreaker.CircuitBreaker:
    """The process's breaker for ``backend`` (state shared through the cache)."""
    with _lock:
        breaker = _breakers.get(backend)
        if breaker is None:
            breaker = _breakers[backend] = make_breaker(backend)
        return breaker


def reset_breakers() -> None:
    """Forget the per-process breaker objects (tests change thresholds through settings)."""
    with _lock:
        _breakers.clear()
