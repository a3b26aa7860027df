"""Who the user is, as the portal tells back ends: a short-lived signed JWT.

Claims: ``sub`` (user id), ``preferred_username``, ``name``, ``department``, ``roles`` (the
user's Django group names), ``iss``, ``aud`` (the back end's name), ``iat``, ``exp``. Signed
HS256 with ``PORTAL_JWT_SECRET`` (derived from SECRET_KEY when empty) or RS256 when
``PORTAL_JWT_PRIVATE_KEY_FILE`` is set. The session cookie never leaves the portal.
"""
from __future__ import annotations

import hashlib
import time
from functools import lru_cache
from pathlib import Path

import jwt
from django.conf import settings

from portal.registry import FetchContext

LEEWAY_SECONDS = 5


@lru_cache(maxsize=4)
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def signing_key() -> tuple[str, str]:
    """``(algorithm, key)`` for signing."""
    if settings.PORTAL_JWT_PRIVATE_KEY_FILE:
        return "RS256", _read(settings.PORTAL_JWT_PRIVATE_KEY_FILE)
    return "HS256", shared_secret()


def verification_key() -> tuple[str, str]:
    """``(algorithm, key)`` a back end uses to verify (the demo back ends read this)."""
    if settings.PORTAL_JWT_PUBLIC_KEY_FILE:
        return "RS256", _read(settings.PORTAL_JWT_PUBLIC_KEY_FILE)
    return "HS256", shared_secret()


def shared_secret() -> str:
    if settings.PORTAL_JWT_SECRET:
        return settings.PORTAL_JWT_SECRET
    # A separate key from SECRET_KEY itself, so a leaked back-end secret cannot forge sessions.
    return hashlib.sha256(b"portal-jwt:" + settings.SECRET_KEY.encode()).hexdigest()


def _profile(user):
    from cms.models import UserProfile  # the team's shared model: SSO writes it, the portal reads it

    return UserProfile.objects.filter(user=user).select_related("department").first()


def user_department(user) -> str:
    """The name of the user's department (``cms.UserProfile.department``), or ''."""
    profile = _profile(user)
    return profile.department.name if profile and profile.department else ""


def user_roles(user) -> tuple[str, ...]:
    return tuple(sorted(user.groups.values_list("name", flat=True)))


def context_for(user) -> FetchContext:
    """Read the user's identity once, in the request thread, as plain values."""
    profile = _profile(user)
    return FetchContext(
        user_id=user.pk,
        username=user.get_username(),
        display_name=(profile.display_name if profile else "") or user.get_full_name() or user.get_username(),
        department=profile.department.name if profile and profile.department else "",
        roles=user_roles(user),
    )


def issue_token(ctx: FetchContext, audience: str, ttl: int | None = None) -> str:
    now = int(time.time())
    claims = {
        "iss": settings.PORTAL_JWT_ISSUER,
        "aud": audience,
        "sub": str(ctx.user_id),
        "preferred_username": ctx.username,
        "name": ctx.display_name,
        "department": ctx.department,
        "roles": list(ctx.roles),
        "iat": now,
        "exp": now + (ttl or settings.PORTAL_JWT_TTL_SECONDS),
    }
    algorithm, key = signing_key()
    return jwt.encode(claims, key, algorithm=algorithm)


def verify_token(token: str, audience: str, *, algorithm: str, key: str, issuer: str) -> dict:
    """Decode and check signature, expiry, audience and issuer; raise ``jwt.InvalidTokenError``."""
    return jwt.decode(
        token, key, algorithms=[algorithm], audience=audience, issuer=issuer, leeway=LEEWAY_SECONDS,
        options={"require": ["exp", "iat", "sub", "aud", "iss"]},
    )
