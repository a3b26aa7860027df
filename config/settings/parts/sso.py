"""Settings owned by the `sso` app, applied onto the shared settings by ``base.py``.

Contract §3 names the environment variables (SAML_IDP_METADATA_URL / _FILE, SAML_SP_ENTITY_ID,
SAML_SP_CERT_FILE / _KEY_FILE, SAML_ATTRIBUTE_MAP); the rest are this app's own, listed in
``.env.example``. The ``*_FILE`` variables here are paths read by the SAML code, not secrets
inlined through ``config.env``'s ``<NAME>_FILE`` convention.
"""
from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_json, env_str


def _is_production() -> bool:
    return os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".production")


def _attribute_map() -> dict[str, str]:
    from sso.mapping import DEFAULT_ATTRIBUTE_MAP, validate_attribute_map

    raw = env_json("SAML_ATTRIBUTE_MAP", None)
    if raw is None:
        return dict(DEFAULT_ATTRIBUTE_MAP)
    try:
        return validate_attribute_map(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"SAML_ATTRIBUTE_MAP: {exc}") from exc


def apply(settings: dict) -> None:
    """Add or change settings for `sso`; read deployment-specific values from the environment."""
    base_url = settings["BASE_URL"]
    # --- the identity provider from the environment (more can be added in the admin) ---
    settings["SSO_IDP_METADATA_URL"] = env_str("SAML_IDP_METADATA_URL", "")
    settings["SSO_IDP_METADATA_FILE"] = os.environ.get("SAML_IDP_METADATA_FILE", "")
    settings["SSO_IDP_ENTITY_ID"] = env_str("SAML_IDP_ENTITY_ID", "")  # only when the metadata lists several
    settings["SSO_ENV_IDP_SLUG"] = env_str("SAML_IDP_SLUG", "gov")
    settings["SSO_ENV_IDP_NAME"] = env_str("SAML_IDP_NAME", "统一身份认证")
    settings["SSO_IDP_WANT_MESSAGES_SIGNED"] = env_bool("SAML_IDP_WANT_MESSAGES_SIGNED", True)
    settings["SSO_IDP_ALLOW_IDP_INITIATED"] = env_bool("SAML_IDP_ALLOW_IDP_INITIATED", False)
    settings["SSO_ATTRIBUTE_MAP"] = _attribute_map()
    # --- this service provider ---
    settings["SSO_SP_ENTITY_ID"] = env_str("SAML_SP_ENTITY_ID", "")  # empty: <BASE_URL>/sso/saml/metadata/
    settings["SSO_SP_CERT_FILE"] = os.environ.get("SAML_SP_CERT_FILE", "")
    settings["SSO_SP_KEY_FILE"] = os.environ.get("SAML_SP_KEY_FILE", "")
    settings["SSO_METADATA_CACHE_SECONDS"] = env_int("SAML_METADATA_CACHE_SECONDS", 3600, minimum=0)
    settings["SSO_METADATA_TIMEOUT_SECONDS"] = env_int("SAML_METADATA_TIMEOUT_SECONDS", 10, minimum=1)
    # --- login policy and sessions ---
    settings["SSO_ALLOW_LOCAL_LOGIN"] = env_bool("SSO_ALLOW_LOCAL_LOGIN", not _is_production())
    settings["SSO_EDITORS_LAND_ON_ADMIN"] = env_bool("SSO_EDITORS_LAND_ON_ADMIN", True)
    settings["SSO_SESSION_IDLE_TIMEOUT"] = env_int("SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
    settings["SSO_SESSION_ABSOLUTE_TIMEOUT"] = env_int("SESSION_ABSOLUTE_TIMEOUT", 8 * 60 * 60, minimum=60)
    settings["SESSION_COOKIE_AGE"] = settings["SSO_SESSION_ABSOLUTE_TIMEOUT"]
    settings["SESSION_COOKIE_NAME"] = env_str("SESSION_COOKIE_NAME", "gov_sessionid")
    settings["SSO_REPLAY_CACHE"] = "default"

    # --- django-allauth: the SSO adapters are the override points ---
    settings["SOCIALACCOUNT_ADAPTER"] = "sso.adapter.SocialAccountAdapter"
    settings["ACCOUNT_ADAPTER"] = "sso.adapter.AccountAdapter"
    settings["SOCIALACCOUNT_AUTO_SIGNUP"] = True
    settings["SOCIALACCOUNT_EMAIL_AUTHENTICATION"] = False  # never join accounts by e-mail
    settings["SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT"] = False
    settings["SOCIALACCOUNT_EMAIL_VERIFICATION"] = "none"
    settings["SOCIALACCOUNT_EMAIL_REQUIRED"] = False
    settings["SOCIALACCOUNT_STORE_TOKENS"] = False
    settings["SOCIALACCOUNT_ONLY"] = False
    settings["ACCOUNT_EMAIL_VERIFICATION"] = "none"
    settings["ACCOUNT_LOGOUT_ON_GET"] = False

    backends = settings["AUTHENTICATION_BACKENDS"]
    replacements = {
        "django.contrib.auth.backends.ModelBackend": "sso.backends.PolicyModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend": "sso.backends.PolicyAllauthBackend",
    }
    settings["AUTHENTICATION_BACKENDS"] = [replacements.get(b, b) for b in backends]
    settings["MIDDLEWARE"] = [
        *settings["MIDDLEWARE"],
        "sso.middleware.SessionTimeoutMiddleware",
        "sso.middleware.LoginRoutingMiddleware",
    ]
