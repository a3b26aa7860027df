"""Search analytics that one client cannot fake and that costs the search no database write.

``/api/search/`` and the click beacon used to insert a row per request with no limit, so a
script could push any query to the top of 搜索统计 (issue #13, item 13). Now:

- **de-duplicated per client**: the same query (or the same click) from one client counts once
  per ``SEARCH_ANALYTICS_DEDUP_SECONDS``;
- **rate-limited per client**: at most ``SEARCH_ANALYTICS_PER_CLIENT`` events per client per
  ``SEARCH_ANALYTICS_WINDOW_SECONDS``; beyond that events are dropped (the search still answers);
- **batched**: accepted events wait in a per-process buffer and are written with one bulk
  ``INSERT`` when ``SEARCH_ANALYTICS_BATCH`` are waiting or the oldest is
  ``SEARCH_ANALYTICS_FLUSH_SECONDS`` old (and at process exit), so most searches write nothing.

De-duplication and the rate limit live in the shared cache (Redis in production), so they hold
across server processes. A client is its address (behind trusted proxies, the forwarded one) plus
the user id when logged in. Analytics never break a search: failures are logged and dropped.
"""
from __future__ import annotations

import atexit
import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

from search.text import normalize_query

logger = logging.getLogger(__name__)


def client_id(request) -> str:
    """Who sent the event, hashed (the cache keys never hold an address in clear)."""
    from config.client_address import client_address  # the project's one proxy-aware helper

    user = getattr(request, "user", None)
    who = f"{client_address(request)}|{user.pk if user is not None and user.is_authenticated else ''}"
    return hashlib.sha1(who.encode()).hexdigest()[:20]


_generation = 0  # bumped by reset(): earlier de-duplication and rate keys no longer count


def _first_time(kind: str, client: str, identity: str) -> bool:
    digest = hashlib.sha1(identity.encode()).hexdigest()[:20]
    key = f"search:analytics:{_generation}:seen:{kind}:{client}:{digest}"
    return cache.add(key, 1, settings.SEARCH_ANALYTICS_DEDUP_SECONDS)


def _within_rate(client: str) -> bool:
    window = settings.SEARCH_ANALYTICS_WINDOW_SECONDS
    key = f"search:analytics:{_generation}:rate:{client}:{int(time.time() // window)}"
    cache.add(key, 0, window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window + 5)
        count = 1
    return count <= settings.SEARCH_ANALYTICS_PER_CLIENT


def admit(kind: str, client: str, identity: str) -> bool:
    """Whether this event counts: first time for this client, and the client is within its rate."""
    return _first_time(kind, client, identity) and _within_rate(client)


class Buffer:
    """Events waiting for one bulk insert; thread-safe (a server process may run threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[str, list] = {"query": [], "click": []}
        self._oldest: float | None = None

    def add(self, kind: str, row) -> None:
        with self._lock:
            self._rows[kind].append(row)
            self._oldest = self._oldest or time.monotonic()
            due = (sum(map(len, self._rows.values())) >= settings.SEARCH_ANALYTICS_BATCH
                   or time.monotonic() - self._oldest >= settings.SEARCH_ANALYTICS_FLUSH_SECONDS)
        if due:
            self.flush()

    def pending(self) -> int:
        with self._lock:
            return sum(map(len, self._rows.values()))

    def take(self) -> dict[str, list]:
        with self._lock:
            rows, self._rows, self._oldest = self._rows, {"query": [], "click": []}, None
        return rows

    def flush(self) -> int:
        from search.models import ClickLog, QueryLog

        rows = self.take()
        written = 0
        for model, items in ((QueryLog, rows["query"]), (ClickLog, rows["click"])):
            if not items:
                continue
            try:
                model.objects.bulk_create(items, batch_size=500)
                written += len(items)
            except Exception:  # analytics must never break a search
                logger.exception("could not write %d search analytics row(s)", len(items))
        return written


BUFFER = Buffer()
atexit.register(lambda: BUFFER.flush() if BUFFER.pending() else 0)


def reset() -> None:
    """Forget buffered rows and start de-duplication and rate limits afresh (tests: every test
    client has the same address)."""
    global _generation
    BUFFER.take()
    _generation += 1


def flush() -> int:
    """Write what this process buffered (the admin report calls it before reading)."""
    return BUFFER.flush()


def record_query(request, *, query: str, results: int, backend: str) -> bool:
    """A first-page search with text. Returns whether it was counted."""
    from search.models import QueryLog

    if not settings.SEARCH_LOG_QUERIES or not query:
        return False
    text = normalize_query(query)[:200]
    try:
        if not admit("query", client_id(request), text):
            return False
        user = getattr(request, "user", None)
        BUFFER.add("query", QueryLog(query=text, results=results, backend=backend,
                                     authenticated=bool(user is not None and user.is_authenticated)))
    except Exception:
        logger.exception("could not record the search query")
        return False
    return True


def record_click(request, *, query: str, url: str, key: str, position: int | None) -> bool:
    """A result opened from the result list. Returns whether it was counted."""
    from search.models import ClickLog

    text = normalize_query(query)[:200]
    try:
        if not admit("click", client_id(request), f"{text}\n{url}"):
            return False
        BUFFER.add("click", ClickLog(query=text, url=url, key=key[:150], position=position))
    except Exception:
        logger.exception("could not record the search click")
        return False
    return True
