"""Counting public page views without a third-party tracker and without personal data.

``PageViewMiddleware`` counts a successful ``GET`` of a public HTML page: one increment of the
``(today, path)`` counter. Not counted: the admin, the portal, APIs, static and media files,
non-HTML and non-200 answers, signed-in users (officials checking their own pages), robots (by
user agent), and visitors who send ``DNT: 1`` or ``Sec-GPC: 1``. The query string is dropped, so
search terms and tokens never land in the table.
"""
from __future__ import annotations

import logging
import re

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


def count_view(path: str, day=None) -> None:
    from oversight.models import PageViewDaily

    day = day or timezone.localdate()
    path = path[:300]
    if PageViewDaily.objects.filter(day=day, path=path).update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            PageViewDaily.objects.create(day=day, path=path, section=section_of(path), views=1)
    except IntegrityError:  # another request created it meanwhile
        PageViewDaily.objects.filter(day=day, path=path).update(views=F("views") + 1)


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
