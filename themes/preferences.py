"""Visitor display preferences kept in a cookie, so they work without JavaScript and without an
account: the elder-friendly mode (适老化) with larger text and spacing."""
from __future__ import annotations

ELDER_COOKIE = "elder_mode"
ELDER_COOKIE_AGE = 365 * 24 * 3600


def elder_mode_enabled(request) -> bool:
    return request is not None and request.COOKIES.get(ELDER_COOKIE) == "1"


def remember_elder_mode(response, enabled: bool):
    if enabled:
        # Not HttpOnly: the small script toggles the same cookie without a round trip.
        response.set_cookie(ELDER_COOKIE, "1", max_age=ELDER_COOKIE_AGE, samesite="Lax", httponly=False)
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response
