"""HMAC-SHA256 signatures of webhook bodies, with the timestamp inside the signed text.

Header ``X-Gov-Signature: t=<unix seconds>,v1=<hex digest>`` where the digest is
``HMAC_SHA256(secret, "<t>." + raw body)``. Because ``t`` is signed, a receiver that refuses
timestamps older than its tolerance (and remembers event ids it has seen, ``X-Gov-Event-Id``)
rejects replays. ``verify`` is the reference implementation the README documents.
"""
from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Gov-Signature"
EVENT_ID_HEADER = "X-Gov-Event-Id"
EVENT_TYPE_HEADER = "X-Gov-Event"
DEFAULT_TOLERANCE = 300


class SignatureError(ValueError):
    """The signature header is missing, malformed, wrong, or too old."""


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """Return the signature header value for ``body`` sent at ``timestamp`` (now by default)."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: str, body: bytes, header: str, *, tolerance: int = DEFAULT_TOLERANCE,
           now: float | None = None) -> int:
    """Check ``header`` against ``body``; return the signed timestamp or raise ``SignatureError``."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError) as exc:
        raise SignatureError("malformed signature header") from exc
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    if not hmac.compare_digest(expected, given):
        raise SignatureError("signature does not match")
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise SignatureError("timestamp outside the tolerance (possible replay)")
    return timestamp
