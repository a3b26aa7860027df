"""Per-client rate limit of the delivery API: a fixed window counted in the shared cache (Redis
in production, so every app process counts against the same budget), answered with ``429`` and
``Retry-After`` when exceeded. The client is its address as
``config.client_address`` sees it (honouring ``TRUSTED_PROXIES``)."""
from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext

from cms.delivery.scope import is_delivery_path
from config.client_address import client_address


def hit(client: str, limit: int, window: int, now: float | None = None) -> tuple[int, int]:
    """Count one request of ``client``; return (requests in this window, seconds until it ends)."""
    now = time.time() if now is None else now
    bucket = int(now // window)
    key = f"delivery:ratelimit:{client}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    reset = max(1, int((bucket + 1) * window - now + 0.999))
    return count, reset


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DELIVERY_RATE_LIMIT
        if not limit or request.method == "OPTIONS" or not is_delivery_path(request.path):
            return self.get_response(request)
        count, reset = hit(client_address(request) or "unknown", limit, settings.DELIVERY_RATE_WINDOW)
        if count > limit:
            response = JsonResponse(
                {"error": "rate_limited", "message": gettext("请求过于频繁，请 %(s)s 秒后再试") % {"s": reset}, "retry_after": reset},
                status=429, json_dumps_params={"ensure_ascii": False},
            )
            response["Retry-After"] = str(reset)
            response["Cache-Control"] = "no-store"
        else:
            response = self.get_response(request)
        response["X-RateLimit-Limit"] = str(limit)
        response["X-RateLimit-Remaining"] = str(max(0, limit - count))
        return response
