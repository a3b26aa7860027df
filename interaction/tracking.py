"""Tracking numbers (受理编号) and query codes (查询码).

A tracking number is the day in China plus the day's sequence plus three random digits
(``20261202`` ``0007`` ``381``): readable over the phone, sortable, and not enumerable (guessing
the next one hits a real item about once in a thousand tries, and even then the query code is
needed). The query code is eight characters from an alphabet without look-alikes (no 0/O, 1/I/L);
only its HMAC is stored, so a database dump does not open anyone's item.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from django.utils import timezone

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def new_tracking_number(sequence: int, now=None) -> str:
    day = timezone.localtime(now or timezone.now()).strftime("%Y%m%d")
    return f"{day}{sequence:04d}{secrets.randbelow(1000):03d}"


def new_query_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What people type: lower case, spaces, dashes."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def hash_code(tracking_number: str, code: str) -> str:
    from django.conf import settings

    message = f"{tracking_number}:{normalise_code(code)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def code_matches(item, code: str) -> bool:
    return hmac.compare_digest(item.query_code_hash, hash_code(item.tracking_number, code))
