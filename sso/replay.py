"""Replay cache of assertion ids: each assertion is accepted once.

Kept in the Django cache (Redis in production, so every app process sees it) until the assertion
expires anyway. ``cache.add`` is atomic, so two concurrent posts of one assertion cannot both win.
"""
from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches

MIN_TTL = 10 * 60  # covers the IdP's clock skew allowance when NotOnOrAfter is short or missing


def first_use(idp_slug: str, assertion_id: str | None, not_on_or_after: float | int | None) -> bool:
    """True the first time ``assertion_id`` is seen for this IdP; False on every later use."""
    if not assertion_id:
        return False
    ttl = MIN_TTL
    if not_on_or_after:
        ttl = max(MIN_TTL, int(not_on_or_after - time.time()) + 300)
    cache = caches[settings.SSO_REPLAY_CACHE]
    return cache.add(f"sso:assertion:{idp_slug}:{assertion_id}", 1, ttl)
