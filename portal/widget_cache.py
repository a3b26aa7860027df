"""Per-user cache of widget data, with the time it was fetched.

An entry is *fresh* for the widget's ``cache_ttl``; then, for ``PORTAL_SWR_SECONDS``, it is
served at once while a background refresh runs (stale-while-revalidate); after that it is only a
fallback, kept ``PORTAL_STALE_TTL`` seconds, shown marked *stale* when the back end fails.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

PREFIX = "portal:w:v1"


@dataclass(frozen=True)
class Entry:
    data: dict
    fetched_at: float

    def age(self) -> float:
        return time.time() - self.fetched_at


def _cache():
    return caches[settings.PORTAL_CACHE_ALIAS]


def key_for(spec, ctx) -> str:
    """Per widget version and per user; a change of the user's roles or department is a new key,
    so data fetched under the old ones (internal notices, say) is never served under the new."""
    who = hashlib.sha256(f"{ctx.department}|{'|'.join(ctx.roles)}".encode()).hexdigest()[:10]
    return f"{PREFIX}:{spec.key}:{spec.version}:{ctx.user_id}:{who}"


def get(spec, ctx) -> Entry | None:
    raw = _cache().get(key_for(spec, ctx))
    if not isinstance(raw, dict):
        return None
    return Entry(raw["data"], raw["fetched_at"])


def put(spec, ctx, data: dict) -> Entry:
    entry = Entry(data, time.time())
    keep = spec.cache_ttl + settings.PORTAL_SWR_SECONDS + settings.PORTAL_STALE_TTL
    _cache().set(key_for(spec, ctx), {"data": data, "fetched_at": entry.fetched_at}, keep)
    return entry


def claim_refresh(spec, ctx) -> bool:
    """True for the one caller that may refresh this entry in the background now."""
    return _cache().add(key_for(spec, ctx) + ":refreshing", 1, max(int(spec.timeout) + 1, 2))


def release_refresh(spec, ctx) -> None:
    _cache().delete(key_for(spec, ctx) + ":refreshing")
