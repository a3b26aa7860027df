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
``200`` with no cookie set other than the CSRF cookie, no ``private`` / ``no-store`` /
``no-cache`` and no ``Vary`` beyond what the key covers.

Pages with a form (the 好差评 rating on a service guide) carry a CSRF token, which must never be
shared: the stored copy holds a placeholder where the token was, and every hit gets the visitor's
own token (and cookie), as Django's CSRF middleware would have given it.

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

import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models import Min
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.translation import get_language_from_request

from cms.delivery.caching import content_generation

HIT_HEADER = "X-Page-Cache"
TOKEN_PLACEHOLDER = b"\x00page-cache-csrf-token\x00"
KEY_PREFIX = "pagecache:v2"
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
    """No cookie but the CSRF one (whose token is replaced per visitor, see ``store``)."""
    return set(response.cookies) <= {settings.CSRF_COOKIE_NAME}


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
            self.store(request, response, key, generation)
        return response

    @staticmethod
    def store(request, response, key: str, generation: str) -> None:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        # A page that shows a CSRF token (its cookie is set) is stored with a placeholder instead.
        content, replaced = _without_tokens(response.content)
        has_token = replaced > 0
        if settings.CSRF_COOKIE_NAME in response.cookies and not has_token:
            return  # a token used somewhere we cannot find: never share it
        if not response.has_header("ETag"):
            response["ETag"] = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
        timeout = entry_timeout(generation)
        if timeout > 0:
            cache.set(key, (content, list(response.items()), has_token), timeout=timeout)
        response[HIT_HEADER] = "miss"

    @staticmethod
    def replay(request, entry) -> HttpResponse:
        content, headers, has_token = entry
        if has_token:
            content = content.replace(TOKEN_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        if has_token:
            _set_csrf_cookie(request, response)
            response["Content-Length"] = str(len(content))
            return response  # the body differs per visitor: no ETag revalidation
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{32,64})(")')


def _without_tokens(content: bytes) -> tuple[bytes, int]:
    """Every masked token of a form input replaced by the placeholder, wherever else it appears too."""
    tokens = {match.group(2) for match in _TOKEN.finditer(content)}
    for token in tokens:
        content = content.replace(token, TOKEN_PLACEHOLDER)
    return content, len(tokens)


def _set_csrf_cookie(request, response) -> None:
    """The CSRF cookie as ``CsrfViewMiddleware`` sets it (that middleware does not run on a hit)."""
    if settings.CSRF_USE_SESSIONS:
        return
    response.set_cookie(
        settings.CSRF_COOKIE_NAME, request.META["CSRF_COOKIE"], max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN, path=settings.CSRF_COOKIE_PATH, secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY, samesite=settings.CSRF_COOKIE_SAMESITE,
    )
