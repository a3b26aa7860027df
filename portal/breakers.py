"""One circuit breaker per back end, its state in the Django cache (Redis in production) so
that every app process sees the same open / half-open / closed state.

pybreaker keeps a cached state object per breaker instance and re-reads the storage on each
call, so instances in several processes agree through ``CacheBreakerStorage``.
"""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

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

    def claim_trial(self, ttl: float) -> bool:
        """True for the one caller (in any process) that may make the half-open trial call;
        the claim expires after ``ttl`` seconds should that caller die mid-call."""
        return self._cache.add(self._key("trial"), 1, max(int(ttl), 1))

    def release_trial(self) -> None:
        self._cache.delete(self._key("trial"))

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


def guarded_call(breaker: pybreaker.CircuitBreaker, func, *args, **kwargs):
    """Call ``func`` under ``breaker`` without holding the breaker's lock during the call.

    ``pybreaker.CircuitBreaker.call`` runs the guarded function inside the breaker's lock, which
    would make every widget of one back end wait for the previous one; here the same transitions
    (closed → open after ``fail_max`` failures, open → half-open after ``reset_timeout``, half-open
    → closed on a success or → open on a failure) use the breaker's public ``open``/``half_open``/
    ``close`` and its shared storage, and the call itself runs unlocked. While half-open, only one
    trial call (claimed in the shared cache) reaches the recovering back end.
    """
    storage = breaker._state_storage
    state = storage.state
    if state == pybreaker.STATE_OPEN:
        opened_at = storage.opened_at
        if opened_at and datetime.now(UTC) < opened_at + timedelta(seconds=breaker.reset_timeout):
            raise pybreaker.CircuitBreakerError("circuit open")
    if state != pybreaker.STATE_CLOSED:
        # One trial call at a time, across processes; the others keep failing fast meanwhile.
        if not storage.claim_trial(breaker.reset_timeout):
            raise pybreaker.CircuitBreakerError("trial call in flight")
        breaker.half_open()
        state = pybreaker.STATE_HALF_OPEN
    try:
        result = func(*args, **kwargs)
    except Exception:
        storage.increment_counter()
        if state == pybreaker.STATE_HALF_OPEN or storage.counter >= breaker.fail_max:
            breaker.open()
        raise
    finally:
        if state == pybreaker.STATE_HALF_OPEN:
            storage.release_trial()
    storage.reset_counter()
    if state == pybreaker.STATE_HALF_OPEN:
        breaker.close()
    return result
