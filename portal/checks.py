"""Start-up checks of the portal's settings (``manage.py check`` and every server start)."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Warning, register


@register("portal")
def check_jwt_keys(app_configs=None, **kwargs):
    """A key file that cannot be read would fail every widget at request time: say so at start."""
    problems = []
    for name in ("PORTAL_JWT_PRIVATE_KEY_FILE", "PORTAL_JWT_PUBLIC_KEY_FILE"):
        path = getattr(settings, name, "")
        if path and not Path(path).is_file():
            problems.append(Error(f"{name}={path} is not a readable file", id="portal.E001",
                                  hint="Point it at a PEM file, or leave it empty to sign HS256 with PORTAL_JWT_SECRET."))
    if settings.PORTAL_JWT_PRIVATE_KEY_FILE and not settings.PORTAL_JWT_PUBLIC_KEY_FILE:
        problems.append(Warning("RS256 signing without PORTAL_JWT_PUBLIC_KEY_FILE: the demo back ends cannot verify tokens",
                                id="portal.W001", hint="Set PORTAL_JWT_PUBLIC_KEY_FILE to the matching public key."))
    return problems
