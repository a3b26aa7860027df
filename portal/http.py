"""The portal's outbound HTTP, on top of the project's one outbound module (``config.outbound``).

Rules kept in one place: every request has a timeout; redirects are followed only within the
same origin (a back end may not bounce the user's token to another host); the portal calls only
the origin of the widget's configured back end; responses over ``MAX_BYTES`` are refused.
"""
from __future__ import annotations

import threading
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings

from config import outbound
from config.outbound import OutboundError  # noqa: F401  (the one error type; re-exported)

MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 3
USER_AGENT = "gov-portal/1.0"

_client: httpx.Client | None = None
_lock = threading.Lock()


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _configured_origins() -> set:
    return {origin(base) for base in getattr(settings, "PORTAL_BACKENDS", {}).values()}


def client() -> httpx.Client:
    """One pooled client per process, shared by the worker threads (httpx.Client is thread-safe)."""
    global _client
    with _lock:
        if _client is None:
            _client = httpx.Client(
                follow_redirects=False,
                headers={"User-Agent": USER_AGENT},
                limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
                trust_env=False,
            )
        return _client


def request(method: str, url: str, *, timeout: float, allowed_origin: str, headers: dict | None = None,
            json_body=None) -> httpx.Response:
    """Send one request; follow same-origin redirects only; raise ``OutboundError`` or httpx errors.

    ``timeout`` bounds connect, read, write and pool waits each; the caller also bounds the whole
    call (see ``portal.fetching``)."""
    allowed = origin(allowed_origin)
    if origin(url) != allowed or allowed[0] not in ("http", "https"):
        raise OutboundError("forbidden_host", url)
    # The back ends in PORTAL_BACKENDS are deployment configuration (often intranet systems on
    # private addresses); any other origin must pass the project's private-address block.
    outbound.check(url, trusted=allowed in _configured_origins())
    for _hop in range(MAX_REDIRECTS + 1):
        response = client().request(method, url, headers=headers, json=json_body, timeout=httpx.Timeout(timeout))
        if response.is_redirect:
            target = urljoin(url, response.headers.get("location", ""))
            if origin(target) != allowed:
                raise OutboundError("redirect_to_other_host", target)
            url, method, json_body = target, "GET", None
            continue
        if len(response.content) > MAX_BYTES:
            raise OutboundError("response_too_large")
        return response
    raise OutboundError("too_many_redirects")
