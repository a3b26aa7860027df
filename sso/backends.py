"""Password logins under the SSO policy.

Once an IdP is configured and ``SSO_ALLOW_LOCAL_LOGIN`` is false (the production default), a
correct password logs in only a superuser (the break-glass account); everyone else signs in
through the IdP. The refusal is audited through Django's ``user_login_failed`` signal.
"""
from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from sso import idps, throttle


def local_login_allowed(user) -> bool:
    return user.is_superuser or settings.SSO_ALLOW_LOCAL_LOGIN or not idps.sso_configured()


class _PolicyMixin:
    def authenticate(self, request, *args, **kwargs):
        if throttle.refuse_if_throttled(request, kwargs.get("username") or kwargs.get("email")):
            return None  # the password is not even checked while the login is throttled
        user = super().authenticate(request, *args, **kwargs)
        if user is not None and not local_login_allowed(user):
            if request is not None:
                request.sso_refusal = "local_login_disabled"
            return None
        return user


class PolicyModelBackend(_PolicyMixin, ModelBackend):
    """Django's ModelBackend under the local-login policy."""


class PolicyAllauthBackend(_PolicyMixin, AuthenticationBackend):
    """allauth's backend (username or e-mail) under the local-login policy."""
