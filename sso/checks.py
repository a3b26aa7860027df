"""Start-up checks of the SSO configuration (``manage.py check``), so a broken deployment says
what is wrong before the first official tries to sign in."""
from __future__ import annotations

import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=False)
def check_sso_configuration(app_configs=None, **kwargs):
    problems = []
    cert, key = settings.SSO_SP_CERT_FILE, settings.SSO_SP_KEY_FILE
    if bool(cert) != bool(key):
        problems.append(Error("SAML_SP_CERT_FILE and SAML_SP_KEY_FILE must be set together", id="sso.E001"))
    for name, path in (("SAML_SP_CERT_FILE", cert), ("SAML_SP_KEY_FILE", key), ("SAML_IDP_METADATA_FILE", settings.SSO_IDP_METADATA_FILE)):
        if path and not os.path.isfile(path):
            problems.append(Error(f"{name}={path}: no such file", id="sso.E002"))
    if (settings.SSO_IDP_METADATA_URL or settings.SSO_IDP_METADATA_FILE) and not key:
        problems.append(
            Warning(
                "An IdP is configured but the SP has no key pair: AuthnRequests and logout messages go unsigned "
                "and most IdPs refuse single logout. Set SAML_SP_CERT_FILE and SAML_SP_KEY_FILE.",
                id="sso.W001",
            )
        )
    if settings.IS_PRODUCTION and settings.SSO_DEMO_IDP_URL:
        problems.append(Error("SSO_DEMO_IDP_URL is set under production settings: the demo IdP is for demos only", id="sso.E010"))
    if settings.SSO_SESSION_IDLE_TIMEOUT > settings.SSO_SESSION_ABSOLUTE_TIMEOUT:
        problems.append(Warning("SESSION_IDLE_TIMEOUT is longer than SESSION_ABSOLUTE_TIMEOUT", id="sso.W002"))
    return problems
