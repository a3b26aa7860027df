"""The one module for outbound HTTP from the whole project: webhooks, cache purges, the portal's
connectors and feeds all go through here (``portal.http`` adds the portal's same-origin rules on
top). Tests and policy patch one place.

Rules kept here:

* http(s) only (``config.safe_url``), a timeout on every request, no redirects followed here;
* **no requests to private, loopback, link-local, multicast or reserved addresses** unless the
  host is in ``OUTBOUND_ALLOWED_HOSTS`` or the caller says the destination comes from deployment
  configuration (``PORTAL_BACKENDS``, ``DELIVERY_PURGE_URLS``) rather than from a form. Every
  address the name resolves to is checked, and :func:`send` then connects to the checked address
  itself (Host header and TLS name kept), so a DNS answer that changes between the check and the
  connection (rebinding) cannot reach an internal service. ``OUTBOUND_BLOCK_PRIVATE=false`` turns
  the block off (an intranet-only deployment whose subscribers all live on private addresses).
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx
from django.conf import settings

from config.safe_url import is_http_url

USER_AGENT = "gov-platform/1.0"


class OutboundError(Exception):
    """A request the project refused to make or whose answer it could not use.

    ``reason`` is a short code safe to show or log (never raw exception text)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class HttpResult:
    """What came back: a status code, or an error text when there was no answer."""

    status_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def is_blocked_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
            or ip.is_unspecified or not ip.is_global)


def _allowed_hosts() -> set[str]:
    return {host.lower() for host in getattr(settings, "OUTBOUND_ALLOWED_HOSTS", [])}


def resolve(url: str, *, trusted: bool = False) -> list[str]:
    """The addresses ``url``'s host may be reached at, after the checks above; raise
    :class:`OutboundError` (``bad_url``, ``unresolvable``, ``forbidden_address``) otherwise."""
    if not is_http_url(url):
        raise OutboundError("bad_url", url[:200])
    host = (urlsplit(url).hostname or "").lower()
    port = urlsplit(url).port or (443 if url.lower().startswith("https") else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise OutboundError("unresolvable", host) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    exempt = trusted or host in _allowed_hosts() or not getattr(settings, "OUTBOUND_BLOCK_PRIVATE", True)
    if not exempt and any(is_blocked_address(address) for address in addresses):
        raise OutboundError("forbidden_address", host)
    return addresses


def check(url: str, *, trusted: bool = False) -> None:
    resolve(url, trusted=trusted)


def _pinned(url: str, address: str) -> tuple[str, dict, dict]:
    """``url`` aimed at ``address``, with the Host header and TLS server name of the original."""
    parts = urlsplit(url)
    literal = f"[{address}]" if ":" in address else address
    netloc = literal + (f":{parts.port}" if parts.port else "")
    host_header = parts.hostname + (f":{parts.port}" if parts.port else "")
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), {"Host": host_header}, extensions


def send(method: str, url: str, *, content: bytes = b"", headers: dict[str, str] | None = None,
         timeout: float = 10.0, trusted: bool = False) -> HttpResult:
    """Send one request and never raise: refusals and network failures come back as
    ``HttpResult.error`` (status ``None``)."""
    started = time.monotonic()
    try:
        address = resolve(url, trusted=trusted)[0]
    except OutboundError as exc:
        return HttpResult(None, f"refused: {exc}"[:1000], 0)
    target, host_header, extensions = _pinned(url, address)
    all_headers = {"User-Agent": USER_AGENT, **host_header, **(headers or {})}  # a given Host wins (purges)
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            request = client.build_request(method, target, content=content, headers=all_headers,
                                           extensions=extensions)
            response = client.send(request)
    except httpx.HTTPError as exc:
        elapsed = int((time.monotonic() - started) * 1000)
        return HttpResult(None, f"{type(exc).__name__}: {exc}"[:1000], elapsed)
    elapsed = int((time.monotonic() - started) * 1000)
    error = "" if 200 <= response.status_code < 300 else response.text[:500]
    return HttpResult(response.status_code, error, elapsed)
