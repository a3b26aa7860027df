"""Real logins through the real IdP: attributes, all role values, groups, landing page, role
changes between logins, and the audit log."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from sso.models import AuthEvent
from tests.sso.conftest import IDP_SLUG
from tests.sso.idp import default_users, write_users

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_signs_in_with_every_role_and_lands_on_admin(browser, role_groups):
    captured = browser.capture(IDP_SLUG, "lina", "lina-pass")
    session_cookie_before = browser.client.cookies.get("gov_sessionid")  # holds the login state
    assert session_cookie_before
    response = browser.post_acs(captured)
    assert response.status_code == 200
    assert str(response.url).startswith(browser.sp_base + "/admin/")
    info = browser.session()
    assert info["authenticated"] is True
    assert info["username"] == "lina"
    assert info["display_name"] == "李娜"
    assert info["email"] == "lina@scjgj.example.gov.cn"
    # roles=[editor, reviewer, portal_user]: every value counts, not only the first.
    assert info["groups"] == sorted(["市场监督管理局编辑", "市场监督管理局审核", "门户用户"])
    assert info["can_access_admin"] is True
    assert browser.client.cookies.get("gov_sessionid") not in (None, session_cookie_before)
    user = get_user_model().objects.get(username="lina")
    assert user.socialaccount_set.get().extra_data["roles"] == ["editor", "reviewer", "portal_user"]
    assert user.profile.department.name == "市场监督管理局"
    assert (user.profile.uid, user.profile.display_name) == ("lina", "李娜")
    event = AuthEvent.objects.get(kind="login")
    assert (event.user, event.identity_provider, event.method) == (user, IDP_SLUG, "saml")


def test_official_without_admin_roles_lands_on_portal_and_cannot_open_admin(browser, role_groups):
    response = browser.login(IDP_SLUG, "zhangwei", "zhangwei-pass")
    assert response.history[-1].headers["location"].endswith("/portal/")
    info = browser.session()
    assert info["groups"] == sorted(["机关工作人员", "门户用户"])
    assert info["can_access_admin"] is False
    admin = browser.get("/admin/", follow_redirects=False)
    # Wagtail sends a user without admin access back to its login, i.e. does not let them in.
    assert admin.status_code == 302
    assert admin.headers["location"].startswith("/admin/login/")


def test_roles_removed_at_the_idp_are_removed_at_next_login(browser, role_groups, sp):
    browser.login(IDP_SLUG, "lina", "lina-pass")
    assert "市场监督管理局审核" in browser.session()["groups"]
    browser.logout()
    users = default_users(sp["config_dir"])
    users["lina:lina-pass"]["roles"] = ["editor"]
    users["lina:lina-pass"]["displayName"] = ["李娜（借调）"]
    users["lina:lina-pass"]["department"] = ["明川市人民政府办公室"]
    write_users(sp["config_dir"], users)
    browser.login(IDP_SLUG, "lina", "lina-pass")
    info = browser.session()
    assert info["groups"] == ["市场监督管理局编辑"]
    assert info["display_name"] == "李娜（借调）"
    assert get_user_model().objects.filter(username__startswith="lina").count() == 1
    assert get_user_model().objects.get(username="lina").profile.department.name == "明川市人民政府办公室"


def test_groups_not_managed_by_a_role_mapping_are_kept(browser, role_groups):
    from django.contrib.auth.models import Group

    browser.login(IDP_SLUG, "zhangwei", "zhangwei-pass")
    user = get_user_model().objects.get(username="zhangwei")
    user.groups.add(Group.objects.create(name="手工授予"))
    browser.logout()
    browser.login(IDP_SLUG, "zhangwei", "zhangwei-pass")
    assert "手工授予" in browser.session()["groups"]


def test_safe_next_is_honoured(browser, role_groups):
    response = browser.login(IDP_SLUG, "zhangwei", "zhangwei-pass", next_url="/sso/session/")
    assert str(response.url) == browser.sp_base + "/sso/session/"
    assert response.json()["authenticated"] is True


def test_sp_metadata_is_served_at_the_stable_url(browser, sp):
    response = browser.get("/sso/saml/metadata/")
    assert response.status_code == 200
    body = response.text
    assert f'entityID="{sp["entity_id"]}"' in body
    assert f'{sp["base"]}/sso/saml/{IDP_SLUG}/acs/' in body
    assert f'{sp["base"]}/sso/saml/{IDP_SLUG}/sls/' in body
    assert "X509Certificate" in body


def test_encrypted_assertions_are_decrypted_with_the_sp_key(browser, role_groups, sp):
    from tests.sso.conftest import sp_remote_entry
    from tests.sso.idp import write_sp_remote

    entry = sp_remote_entry(sp["base"], IDP_SLUG, sp["SAML_TEST_SP_CERT_FILE"], **{"assertion.encryption": True})
    write_sp_remote(sp["config_dir"], {sp["entity_id"]: entry})
    captured = browser.capture(IDP_SLUG, "liuyang", "liuyang-pass")
    assert b"EncryptedAssertion" in captured.xml
    browser.post_acs(captured)
    assert browser.session()["username"] == "liuyang"
