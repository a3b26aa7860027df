"""Fixtures for SSO tests against the real IdP: a live app server whose SAML URLs the IdP knows,
test personas' role mappings, and a browser-like client per test."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import require_service
from tests.sso.idp import Browser, default_users, write_sp_remote, write_users

# SAML compares URLs literally: serve the live server on 127.0.0.1, as the IdP is told.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

IDP_SLUG = "gov"


@pytest.fixture
def idp_env() -> dict[str, str]:
    require_service("SAML_TEST_IDP_METADATA_URL", "the SAML identity provider (SimpleSAMLphp)")
    return {k: v for k, v in os.environ.items() if k.startswith("SAML_TEST_")}


def sp_remote_entry(base: str, slug: str, sp_cert: str, *, more_slugs: tuple[str, ...] = (), **extra) -> dict:
    """The SP as the IdP knows it; ``more_slugs`` adds the ACS URLs of further IdP entries."""
    return {
        "AssertionConsumerService": [
            {"Binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", "Location": f"{base}/sso/saml/{s}/acs/", "index": i}
            for i, s in enumerate((slug, *more_slugs))
        ],
        "SingleLogoutService": [
            {"Binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", "Location": f"{base}/sso/saml/{slug}/sls/"},
        ],
        "certData": "".join(line for line in Path(sp_cert).read_text().splitlines() if "-----" not in line),
        "redirect.sign": True,
        "redirect.validate": True,
        "validate.authnrequest": True,
        "validate.logout": True,
        "NameIDFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        **extra,
    }


@pytest.fixture
def sp(idp_env, live_server, settings, transactional_db):
    """The app as an SP of the test IdP, configured from settings as contract §3's variables would."""
    base = live_server.url.replace("localhost", "127.0.0.1").rstrip("/")
    settings.BASE_URL = base
    settings.SSO_IDP_METADATA_URL = idp_env["SAML_TEST_IDP_METADATA_URL"]
    settings.SSO_IDP_METADATA_FILE = ""
    settings.SSO_ENV_IDP_SLUG = IDP_SLUG
    settings.SSO_SP_ENTITY_ID = ""
    settings.SSO_SP_CERT_FILE = idp_env["SAML_TEST_SP_CERT_FILE"]
    settings.SSO_SP_KEY_FILE = idp_env["SAML_TEST_SP_KEY_FILE"]
    settings.SSO_IDP_WANT_MESSAGES_SIGNED = True
    settings.SSO_IDP_ALLOW_IDP_INITIATED = False
    settings.SSO_METADATA_CACHE_SECONDS = 0
    settings.SSO_ALLOW_LOCAL_LOGIN = False
    config_dir = idp_env["SAML_TEST_IDP_CONFIG_DIR"]
    entity_id = f"{base}/sso/saml/metadata/"
    write_sp_remote(config_dir, {entity_id: sp_remote_entry(base, IDP_SLUG, idp_env["SAML_TEST_SP_CERT_FILE"])})
    write_users(config_dir, default_users(config_dir))
    yield {"base": base, "entity_id": entity_id, "config_dir": config_dir, **idp_env}
    write_users(config_dir, default_users(config_dir))


@pytest.fixture
def role_groups(transactional_db):
    """Role mappings like a city would set up: 市场监督管理局 editors/reviewers/publishers and portal roles."""
    from django.contrib.auth.models import Group, Permission

    from sso.models import RoleMapping

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name, admin in (("市场监督管理局编辑", True), ("市场监督管理局审核", True), ("市场监督管理局发布", True), ("门户用户", False), ("机关工作人员", False)):
        group, _ = Group.objects.get_or_create(name=name)
        if admin:
            group.permissions.add(access_admin)
        groups[name] = group
    for role, names in (
        ("editor", ["市场监督管理局编辑"]),
        ("reviewer", ["市场监督管理局审核"]),
        ("publisher", ["市场监督管理局发布"]),
        ("portal_user", ["门户用户"]),
        ("official", ["机关工作人员"]),
    ):
        mapping = RoleMapping.objects.create(role=role)
        mapping.groups.set([groups[n] for n in names])
    return groups


@pytest.fixture
def browser(sp):
    b = Browser(sp["base"])
    yield b
    b.close()
