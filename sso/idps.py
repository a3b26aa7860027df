"""The identity providers this site trusts: one from the environment (contract §3) plus the
enabled ``IdentityProvider`` rows from the admin, each shown to allauth as an unsaved ``SocialApp``
(provider ``saml``, ``provider_id`` = ``client_id`` = slug) so that allauth's SAML provider, login
state and social-account pipeline work unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext

from sso.mapping import allauth_attribute_mapping, configured_attribute_map

PROVIDER = "saml"


@dataclass(frozen=True)
class IdpConfig:
    """Everything the SAML code needs to know about one IdP."""

    slug: str
    name: str
    entity_id: str = ""
    metadata_url: str = ""
    metadata_xml: str = ""
    metadata_file: str = ""
    attribute_map: dict = field(default_factory=dict)
    want_messages_signed: bool = True
    allow_idp_initiated: bool = False
    source: str = "admin"  # "environment" or "admin"

    def social_app(self):
        """An unsaved allauth ``SocialApp`` for this IdP (allauth's provider reads its settings)."""
        from allauth.socialaccount.models import SocialApp

        app = SocialApp(provider=PROVIDER, provider_id=self.slug, client_id=self.slug, name=self.name)
        app.settings = {
            "attribute_mapping": allauth_attribute_mapping(self.attribute_map),
            "advanced": {"reject_idp_initiated_sso": not self.allow_idp_initiated},
            "idp": {"entity_id": self.entity_id},
        }
        return app


def environment_idp() -> IdpConfig | None:
    """The IdP configured by SAML_IDP_METADATA_URL / SAML_IDP_METADATA_FILE, if any."""
    url, path = settings.SSO_IDP_METADATA_URL, settings.SSO_IDP_METADATA_FILE
    if not url and not path:
        return None
    return IdpConfig(
        slug=settings.SSO_ENV_IDP_SLUG,
        name=settings.SSO_ENV_IDP_NAME,
        entity_id=settings.SSO_IDP_ENTITY_ID,
        metadata_url=url,
        metadata_file="" if url else path,
        attribute_map=configured_attribute_map(),
        want_messages_signed=settings.SSO_IDP_WANT_MESSAGES_SIGNED,
        allow_idp_initiated=settings.SSO_IDP_ALLOW_IDP_INITIATED,
        source="environment",
    )


def _from_model(row) -> IdpConfig:
    return IdpConfig(
        slug=row.slug,
        name=row.name,
        entity_id=row.entity_id,
        metadata_url=row.metadata_url,
        metadata_xml="" if row.metadata_url else row.metadata_xml,
        attribute_map=dict(row.attribute_map or configured_attribute_map()),
        want_messages_signed=row.want_messages_signed,
        allow_idp_initiated=row.allow_idp_initiated,
        source="admin",
    )


def list_idps() -> list[IdpConfig]:
    """Every usable IdP: the environment's first, then the admin's in slug order."""
    from sso.models import IdentityProvider

    found = []
    env_idp = environment_idp()
    if env_idp:
        found.append(env_idp)
    for row in IdentityProvider.objects.filter(enabled=True).order_by("slug"):
        if not env_idp or row.slug != env_idp.slug:
            found.append(_from_model(row))
    return found


def get_idp(slug: str) -> IdpConfig:
    for idp in list_idps():
        if idp.slug == slug:
            return idp
    raise Http404(gettext("未知的身份提供方"))


def sso_configured() -> bool:
    """Whether at least one IdP is usable (then admin and portal logins go through SSO)."""
    return bool(list_idps())
