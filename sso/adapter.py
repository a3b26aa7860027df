"""django-allauth adapters: the documented override points for SSO.

``SocialAccountAdapter`` serves the IdPs from ``sso.idps`` as allauth apps, maps attributes with
``sso.mapping`` (every role value, read from the raw attributes), provisions users just in time
and refreshes them on every later login. ``AccountAdapter`` decides where a user lands and which
redirect targets are safe.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from config.client_address import client_address
from sso.mapping import claims_from_attributes
from sso import idps, provisioning, throttle


def claims_for(sociallogin):
    """Claims from the raw SAML attributes allauth keeps in ``SocialAccount.extra_data``."""
    idp = idps.get_idp(sociallogin.account.provider)
    return claims_from_attributes(sociallogin.account.extra_data or {}, idp.attribute_map, name_id=sociallogin.account.uid)


def is_safe_redirect(url: str | None) -> bool:
    """Only this site: a local path, or an absolute URL on BASE_URL's host and scheme."""
    if not url or not isinstance(url, str):
        return False
    if any(ch in url for ch in "\\\r\n\t") or url.startswith("//"):
        return False
    parts = urlsplit(settings.BASE_URL)
    return url_has_allowed_host_and_scheme(url, allowed_hosts={parts.netloc}, require_https=parts.scheme == "https")


def default_landing(user) -> str:
    """Officials land on the portal; editors (admin access) on the Wagtail admin if so configured."""
    if settings.SSO_EDITORS_LAND_ON_ADMIN and user is not None and user.has_perm("wagtailadmin.access_admin"):
        return "/admin/"
    return settings.LOGIN_REDIRECT_URL


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        if provider not in (None, idps.PROVIDER):
            return super().list_apps(request, provider=provider, client_id=client_id)
        apps = [idp.social_app() for idp in idps.list_idps()]
        if client_id:
            apps = [app for app in apps if app.client_id == client_id]
        return apps

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True  # the IdP vouches for every official: just-in-time provisioning

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return True

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        claims = claims_for(sociallogin)
        provisioning.apply_user_fields(user, claims)
        user.username = claims.uid  # allauth makes it unique if a local user already has it
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        provisioning.sync_user(user, claims_for(sociallogin), sociallogin.account.provider)
        return user

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.is_existing:
            provisioning.sync_user(sociallogin.user, claims_for(sociallogin), sociallogin.account.provider)


class AccountAdapter(DefaultAccountAdapter):
    def is_safe_url(self, url) -> bool:
        return is_safe_redirect(url)

    def get_login_redirect_url(self, request) -> str:
        return default_landing(getattr(request, "user", None))

    def get_client_ip(self, request) -> str:
        """allauth's own rate limits count the same client address as everything else."""
        return client_address(request) or super().get_client_ip(request)

    def is_open_for_signup(self, request) -> bool:
        return False  # no self-service local accounts: officials come through SSO

    def authenticate(self, request, **credentials):
        """A login refused by the throttle (sso/throttle.py) says so and for how long, instead of
        the wrong-password message (the same words as the admin's login, sso/forms.py)."""
        user = super().authenticate(request, **credentials)
        if user is None and (error := throttle.refusal_error(request)):
            raise error
        return user
