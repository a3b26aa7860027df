"""HTTP caching of the public API: validators, conditional requests, a server-side copy, and the
``Cache-Control`` a CDN can use.

Every public ``200`` of the content API gets a strong ``ETag`` (hash of the body) and a
``Last-Modified`` (set by the view from the content's own timestamps); conditional requests get
``304``. The rendered body is kept in the shared cache under the request URL and the *content
generation*, a token that every publish, unpublish, deletion or expiry replaces, so a change
makes all cached copies stale at once while unchanged content is answered (or 304'd) without
running the view. A view that sets ``Cache-Control`` itself (draft preview: ``no-store``) is
never cached or shared.
"""
from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from cms.delivery.scope import is_content_path

GENERATION_KEY = "delivery:generation"
KEPT_HEADERS = ("Content-Type", "ETag", "Last-Modified", "Content-Language")


def content_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, str(time.time_ns()), timeout=None)
        generation = cache.get(GENERATION_KEY, "0")
    return generation


def content_changed() -> None:
    """Make every cached API response stale (called on publish, unpublish, delete, expiry)."""
    cache.set(GENERATION_KEY, str(time.time_ns()), timeout=None)


def cache_control_value() -> str:
    max_age = settings.DELIVERY_CACHE_MAX_AGE
    s_maxage = settings.DELIVERY_CACHE_S_MAXAGE
    return f"public, max-age={max_age}, s-maxage={s_maxage}, stale-while-revalidate={max_age}"


def response_key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"delivery:response:{content_generation()}:{digest}"


class ConditionalCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_content_path(request.path):
            return self.get_response(request)
        key = response_key(request)
        entry = cache.get(key)
        if entry is not None:
            response = HttpResponse(entry["content"])
            for name, value in entry["headers"].items():
                response[name] = value
        else:
            response = self.get_response(request)
            if response.status_code != 200 or response.streaming or response.has_header("Cache-Control"):
                if not response.has_header("Cache-Control"):
                    response["Cache-Control"] = "no-cache"
                return response
            self.add_validators(response)
            timeout = max(settings.DELIVERY_CACHE_MAX_AGE, 1)
            cache.set(key, {"content": response.content,
                            "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}},
                      timeout=timeout)
        response["Cache-Control"] = cache_control_value()
        patch_vary_headers(response, ("Accept-Encoding",))
        last_modified = parse_http_date_safe(response["Last-Modified"])
        return get_conditional_response(request, etag=response["ETag"], last_modified=last_modified,
                                        response=response)

    @staticmethod
    def add_validators(response) -> None:
        response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(time.time())
