"""Counting public page views without a third-party tracker and without personal data.

``PageViewMiddleware`` counts a successful ``GET`` of a public HTML page: one increment of the
``(today, path)`` counter. Not counted: the admin, the portal, APIs, static and media files,
non-HTML and non-200 answers, signed-in users (officials checking their own pages), robots (by
user agent), and visitors who send ``DNT: 1`` or ``Sec-GPC: 1``. The query string is dropped, so
search terms and tokens never land in the table.
"""
from __future__ import annotations

import atexit
import logging
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

ROBOTS = re.compile(r"bot|spider|crawl|slurp|preview|monitor|curl|wget|python-|httpx|headless", re.I)


def section_of(path: str) -> str:
    """The first path segment (``/services/scjgj/x/`` → ``services``); ``""`` for the home page."""
    return path.strip("/").split("/", 1)[0][:60]


def countable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or not settings.OVERSIGHT_COUNT_PAGE_VIEWS:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    path = request.path
    if any(path.startswith(prefix) for prefix in settings.OVERSIGHT_PAGE_VIEW_EXCLUDED_PREFIXES):
        return False
    if request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1":
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not ROBOTS.search(request.headers.get("User-Agent", ""))


def _add_views(day, path: str, views: int) -> None:
    from oversight.models import PageViewDaily

    if PageViewDaily.objects.filter(day=day, path=path).update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageViewDaily.objects.create(day=day, path=path, section=section_of(path), views=views)
    except IntegrityError:  # another process created it meanwhile
        PageViewDaily.objects.filter(day=day, path=path).update(views=F("views") + views)


class ViewCounter:
    """Views waiting to be written, summed per (day, path) in this process.

    A public page may come from the full-page cache in a millisecond; a database write per view
    would cost more than the page and, on SQLite, make every reader of the site a writer. So views
    are added up here and written in one transaction when ``OVERSIGHT_PAGE_VIEW_BATCH`` are waiting
    or the oldest is ``OVERSIGHT_PAGE_VIEW_FLUSH_SECONDS`` old (and when the process exits, and
    before a statistics page reads them). Thread-safe: a server process may run threads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter = Counter()
        self._oldest: float | None = None

    def add(self, path: str, day=None) -> None:
        key = (day or timezone.localdate(), path[:300])
        with self._lock:
            self._counts[key] += 1
            self._oldest = self._oldest or time.monotonic()
            due = (sum(self._counts.values()) >= settings.OVERSIGHT_PAGE_VIEW_BATCH
                   or time.monotonic() - self._oldest >= settings.OVERSIGHT_PAGE_VIEW_FLUSH_SECONDS)
        if due:
            self.flush()

    def pending(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    def discard(self) -> None:
        with self._lock:
            self._counts, self._oldest = Counter(), None

    def flush(self) -> int:
        with self._lock:
            counts, self._counts, self._oldest = self._counts, Counter(), None
        if not counts:
            return 0
        try:
            with transaction.atomic():
                for (day, path), views in sorted(counts.items()):
                    _add_views(day, path, views)
        except Exception:  # counting must never break a page; the views of this batch are lost
            logger.exception("could not write %d page view(s)", sum(counts.values()))
            return 0
        return sum(counts.values())


COUNTER = ViewCounter()
atexit.register(lambda: COUNTER.flush() if COUNTER.pending() else 0)


def count_view(path: str, day=None) -> None:
    """Count one view of ``path`` (written with the next batch: see ``ViewCounter``)."""
    COUNTER.add(path, day)


def flush() -> int:
    """Write the views this process has counted so far; returns how many."""
    return COUNTER.flush()


class PageViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            if countable(request, response):
                count_view(request.path)
        except Exception:  # counting must never break a page
            logger.exception("could not count a page view")
        return response
