"""Abuse limits of the public forms and API, without any third-party captcha service.

* a rate limit per client address (``config.client_address``: the one helper that knows the
  trusted proxies), counted in the shared cache so every app process counts together;
* a honeypot field that people never see (hidden by CSS and ``aria-hidden``) and bots fill in;
* length limits live on the fields themselves (forms and API schemas read ``LIMITS``).
"""
from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from config.client_address import client_address

HONEYPOT_FIELD = "website"

#: one source for the length of every citizen field (forms, API, models)
LIMITS = {"subject": 100, "content": 2000, "name": 50, "phone": 20, "email": 100, "info_reply": 2000,
          "comment": 500}


def _parse_rate(rate: str) -> tuple[int, int]:
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds or 3600)


def over_limit(request, action: str, rate: str | None = None) -> int:
    """Count one ``action`` by this client; return 0 when allowed, else seconds to wait."""
    limit, window = _parse_rate(rate or settings.INTERACTION_RATE_LIMITS[action])
    if limit <= 0:
        return 0
    now = time.time()
    bucket = int(now // window)
    address = client_address(request) or "unknown"
    key = f"interaction:rate:{action}:{address}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return max(1, int((bucket + 1) * window - now + 0.999))
    return 0


def is_bot(data) -> bool:
    """The honeypot was filled in."""
    return bool((data.get(HONEYPOT_FIELD) or "").strip()) if hasattr(data, "get") else False
