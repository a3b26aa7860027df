"""The one answer to "which address did this request come from?", used by the audit log, every
rate limit and analytics.

Behind a load balancer ``REMOTE_ADDR`` is the balancer, and ``X-Forwarded-For`` is whatever the
client and each proxy appended. Only hops we run ourselves may be believed, so the chain
(``X-Forwarded-For`` entries, then ``REMOTE_ADDR``) is read from the right, skipping addresses
inside ``TRUSTED_PROXIES`` (addresses or networks, e.g. ``10.0.0.0/8``); the first address that is
not one of our proxies is the client. A client cannot spoof its way past this: anything it writes
into the header sits left of the first untrusted hop and is never read. With no trusted proxies
(the default) the peer address is the client.
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values) -> tuple[Network, ...]:
    """Parse ``TRUSTED_PROXIES`` entries; a bad entry is a configuration error, said in one line."""
    networks = []
    for value in values or ():
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {value!r} is not an address or network") from exc
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def trusted_networks() -> tuple[Network, ...]:
    return _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _address(value: str):
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.5:51234"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address as a string, or ``None`` when the request has none (e.g. a test
    request factory without ``REMOTE_ADDR``). Never raises on a malformed header."""
    if request is None:
        return None
    peer = _address(request.META.get("REMOTE_ADDR", "") or "")
    if peer is None:
        return None
    networks = trusted_networks()
    if not networks:
        return str(peer)
    hops = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    current = peer
    while any(current in network for network in networks) and hops:
        candidate = _address(hops.pop())
        if candidate is None:  # garbage from the client: stop at the last hop we trust
            break
        current = candidate
    return str(current)
