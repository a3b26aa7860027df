"""Full-page cache of the public HTML for anonymous visitors, in Django's cache (Redis in
production: shared by every application process).

Why here and not a generic cache package: a cached page must go stale exactly when the content
API's responses do, so both are keyed by the same *content generation*
(``cms.delivery.caching.content_generation``), which every publish, unpublish, deletion, move,
expiry and privacy change replaces (``cms.delivery.changes``). One ``cache.set`` makes every copy
in every process stale at once, with no list of URLs to track.

What is cached: ``GET``/``HEAD`` of public paths (not ``PAGE_CACHE_EXCLUDED_PATHS``) by a visitor
without a session cookie, whose query string uses only ``PAGE_CACHE_QUERY_PARAMS`` (index
filters; anything else, such as a search text, would let a client fill the cache), answered
``200`` with no cookie set (so no CSRF token and no session in the page), no ``private`` /
``no-store`` / ``no-cache`` and no ``Vary`` beyond what the key covers.

The key holds the generation, the scheme and host (the Wagtail Site, hence its theme), the
language, every registered *variant* (``register_variant``: the themes app registers the
elder-friendly mode cookie), and the path with its query. An entry lives at most
``PAGE_CACHE_TIMEOUT`` seconds and never past the next scheduled go-live or expiry, so a notice
leaves the cached lists on time even before the scheduler unpublishes it.
"""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.translation import get_language_from_request

from cms.delivery.caching import content_generation

HIT_HEADER = "X-Page-Cache"
KEY_PREFIX = "pagecache"
COVERED_VARY = {"accept-encoding", "cookie", "accept-language"}
UNCACHEABLE_CONTROL = {"private", "no-store", "no-cache"}

_variants: dict[str, Callable] = {}


def register_variant(name: str, value: Callable) -> None:
    """Add a request property that changes the rendered page (``value(request) -> str``) to the key."""
    _variants[name] = value


# --- which requests and responses ----------------------------------------------------------------
def _is_read(request) -> bool:
    return request.method in ("GET", "HEAD")


def _is_public_path(request) -> bool:
    return not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))


def _is_anonymous(request) -> bool:
    """No session cookie: no login, no page password entered, no flash message waiting."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _has_known_query(request) -> bool:
    allowed = settings.PAGE_CACHE_QUERY_PARAMS
    return all(name in allowed for name in request.GET)


REQUEST_RULES: tuple[Callable, ...] = (_is_read, _is_public_path, _is_anonymous, _has_known_query)


def _is_ok(request, response) -> bool:
    return response.status_code == 200 and not response.streaming


def _sets_no_cookie(request, response) -> bool:
    return not response.cookies and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


def _allows_shared_cache(request, response) -> bool:
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}
    return not directives & UNCACHEABLE_CONTROL


def _varies_only_by_key(request, response) -> bool:
    varies = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return varies <= COVERED_VARY


RESPONSE_RULES: tuple[Callable, ...] = (_is_ok, _sets_no_cookie, _allows_shared_cache, _varies_only_by_key)


def request_is_cacheable(request) -> bool:
    return all(rule(request) for rule in REQUEST_RULES)


def response_is_cacheable(request, response) -> bool:
    return all(rule(request, response) for rule in RESPONSE_RULES)


# --- key and lifetime ----------------------------------------------------------------------------
def page_key(request, generation: str) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    parts = [request.scheme, host, get_language_from_request(request) or ""]
    parts += [f"{name}={value(request)}" for name, value in sorted(_variants.items())]
    parts.append(request.get_full_path())
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def next_scheduled_change():
    """The next time a page goes live or expires without anyone publishing (None: nothing planned)."""
    from wagtail.models import Page, Revision

    from cms.models import CONTENT_TYPES

    now = timezone.now()
    moments = [
        Page.objects.filter(live=True, expire_at__gt=now).aggregate(at=Min("expire_at"))["at"],
        Revision.page_revisions.filter(approved_go_live_at__gt=now).aggregate(at=Min("approved_go_live_at"))["at"],
    ]
    for model in CONTENT_TYPES.values():
        moments.append(model.objects.filter(live=True, expires_at__gt=now).aggregate(at=Min("expires_at"))["at"])
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def entry_timeout(generation: str) -> int:
    """``PAGE_CACHE_TIMEOUT``, cut short by the next scheduled change (looked up once per generation)."""
    limit = settings.PAGE_CACHE_TIMEOUT
    key = f"{KEY_PREFIX}:next:{generation}"
    moment = cache.get(key)
    if moment is None:
        at = next_scheduled_change()
        moment = at.timestamp() if at else 0.0
        until = (at - timezone.now()) if at else timedelta(seconds=limit)
        cache.set(key, moment, timeout=max(1, min(limit, int(until.total_seconds()))))
    if moment:
        limit = min(limit, int(moment - time.time()))
    return limit


# --- the middleware ------------------------------------------------------------------------------
class PageCacheMiddleware:
    """Answer anonymous page views from the cache; store cacheable misses. Sits after the security
    and static-files middleware (redirects to HTTPS and security headers still apply to hits) and
    before the session, so a hit never touches the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not request_is_cacheable(request):
            return self.get_response(request)
        generation = content_generation()
        key = page_key(request, generation)
        if key is None:
            return self.get_response(request)
        entry = cache.get(key)
        if entry is not None:
            return self.replay(request, entry)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if not response.has_header("ETag"):
                response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            timeout = entry_timeout(generation)
            if timeout > 0:
                cache.set(key, (response.content, list(response.items())), timeout=timeout)
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def replay(request, entry) -> HttpResponse:
        content, headers = entry
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
