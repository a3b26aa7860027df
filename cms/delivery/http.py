"""The one place the delivery app sends HTTP (webhooks, cache purges): fixed timeouts, no
redirects followed (a subscriber cannot bounce a signed event somewhere else), a clear user agent.
Tests that need to see the traffic start a real receiver instead of patching this module."""
from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
from django.conf import settings

USER_AGENT = "gov-platform-delivery/1.0"


@dataclass(frozen=True)
class HttpResult:
    """What came back: a status code, or an error text when there was no answer."""

    status_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def send(method: str, url: str, *, content: bytes = b"", headers: dict[str, str] | None = None,
         timeout: float | None = None) -> HttpResult:
    """Send one request and never raise: network failures come back as ``HttpResult.error``."""
    timeout = timeout if timeout is not None else settings.DELIVERY_WEBHOOK_TIMEOUT
    all_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    started = time.monotonic()
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            response = client.request(method, url, content=content, headers=all_headers)
    except httpx.HTTPError as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        return HttpResult(None, f"{type(exc).__name__}: {exc}"[:1000], elapsed)
    elapsed = int((time.monotonic() - started) * 1000)
    error = "" if 200 <= response.status_code < 300 else response.text[:500]
    return HttpResult(response.status_code, error, elapsed)
