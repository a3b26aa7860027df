"""Request-level SSO policy: session timeouts and where logins go.

``SessionTimeoutMiddleware`` ends sessions idle longer than ``SESSION_IDLE_TIMEOUT`` seconds or
older than ``SESSION_ABSOLUTE_TIMEOUT`` (both from the environment). ``LoginRoutingMiddleware``
sends the Wagtail admin's and allauth's login pages to the SSO start once an IdP is configured
(``?local=1`` keeps the password form for the break-glass superuser), sends their logout links
to single logout for users who came through an IdP, and keeps allauth's own
``/accounts/saml/`` endpoints from bypassing the hardened ones under ``/sso/``.
"""
from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404, HttpResponseRedirect

from sso import idps
from sso.adapter import is_safe_redirect

LAST_SEEN_KEY = "sso_last_seen"
AUTH_AT_KEY = "sso_auth_at"
LAST_SEEN_RESOLUTION = 30  # seconds: do not rewrite the session on every request


def timeout_reason(now: float, auth_at: float | None, last_seen: float | None, *, idle: int, absolute: int) -> str:
    """Pure decision: ``"absolute_timeout"``, ``"idle_timeout"`` or ``""`` (still valid)."""
    if auth_at is not None and now - auth_at > absolute:
        return "absolute_timeout"
    if last_seen is not None and now - last_seen > idle:
        return "idle_timeout"
    return ""


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            reason = timeout_reason(
                now,
                session.get(AUTH_AT_KEY),
                session.get(LAST_SEEN_KEY),
                idle=settings.SSO_SESSION_IDLE_TIMEOUT,
                absolute=settings.SSO_SESSION_ABSOLUTE_TIMEOUT,
            )
            if reason:
                request.sso_logout_reason = reason
                logout(request)
            elif now - session.get(LAST_SEEN_KEY, 0) > LAST_SEEN_RESOLUTION:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def mark_session_start(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` handler: the clocks of both timeouts start at login."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[AUTH_AT_KEY] = now
        request.session[LAST_SEEN_KEY] = now


class LoginRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def login_paths(self) -> set[str]:
        return {"/admin/login/", settings.LOGIN_URL}

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/accounts/saml/"):
            parts = path.split("/")  # ['', 'accounts', 'saml', slug, endpoint, '']
            if len(parts) == 6 and parts[4] == "login":
                query = request.META.get("QUERY_STRING", "")
                return HttpResponseRedirect(f"/sso/saml/{parts[3]}/login/" + (f"?{query}" if query else ""))
            raise Http404("SAML endpoints are under /sso/saml/")
        if path in ("/admin/logout/", "/accounts/logout/") and request.session.get("sso_idp"):
            # Signed in through an IdP: sign out there as well (single logout), not only here.
            return HttpResponseRedirect("/sso/logout/")
        if (
            request.method == "GET"
            and path in self.login_paths()
            and request.GET.get("local") != "1"
            and idps.sso_configured()
        ):
            next_url = request.GET.get("next", "")
            query = urlencode({"next": next_url}) if next_url and is_safe_redirect(next_url) else ""
            return HttpResponseRedirect("/sso/login/" + (f"?{query}" if query else ""))
        return self.get_response(request)
