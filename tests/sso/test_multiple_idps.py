"""Several IdPs side by side: one from the environment, one from the admin with its own
attribute mapping and role mappings of its own."""
from __future__ import annotations

import pytest

from sso.models import IdentityProvider, RoleMapping
from tests.sso.conftest import IDP_SLUG, sp_remote_entry
from tests.sso.idp import write_sp_remote

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def district(sp, role_groups):
    from django.contrib.auth.models import Group

    write_sp_remote(sp["config_dir"], {
        sp["entity_id"]: sp_remote_entry(sp["base"], IDP_SLUG, sp["SAML_TEST_SP_CERT_FILE"], more_slugs=("district",)),
    })
    idp = IdentityProvider.objects.create(
        slug="district", name="东城区统一身份认证", metadata_url=sp["SAML_TEST_IDP_METADATA_URL"],
        # this IdP's users are known by mail, and their department comes from another attribute
        attribute_map={"mail": "uid", "displayName": "display_name", "uid": "department", "roles": "roles"},
    )
    mapping = RoleMapping.objects.create(role="official", identity_provider=idp)
    mapping.groups.set([Group.objects.create(name="东城区工作人员")])
    return idp


def test_each_idp_uses_its_own_attribute_and_role_mapping(browser, district):
    browser.login("district", "zhangwei", "zhangwei-pass")
    info = browser.session()
    assert info["identity_provider"] == "district"
    assert info["username"] == "zhangwei@scjgj.example.gov.cn"  # uid from mail under this IdP's map
    # global mappings apply to every IdP, the district's only to its own users
    assert info["groups"] == sorted(["东城区工作人员", "机关工作人员", "门户用户"])


def test_the_chooser_lists_every_idp(browser, district):
    page = browser.get("/sso/login/")
    assert page.status_code == 200
    assert "统一身份认证" in page.text and "东城区统一身份认证" in page.text
    assert "/sso/saml/district/login/" in page.text and f"/sso/saml/{IDP_SLUG}/login/" in page.text


def test_per_idp_metadata_names_its_own_endpoints(browser, district, sp):
    body = browser.get("/sso/saml/district/metadata/").text
    assert f'{sp["base"]}/sso/saml/district/acs/' in body
    assert f'entityID="{sp["entity_id"]}"' in body


def test_a_disabled_idp_is_refused(browser, district):
    district.enabled = False
    district.save()
    assert browser.start_login("district").status_code == 404
