"""Login policy, sessions, audit log visibility and configuration, without the IdP: admin login
goes through SSO once an IdP is configured, break-glass superuser only, timeouts, read-only audit."""
from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from sso.middleware import AUTH_AT_KEY, LAST_SEEN_KEY, timeout_reason
from sso.models import AuthEvent

METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.gov.cn/idp">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
      <ds:X509Certificate>MIIBszCCAVmgAwIBAgIUZm9v</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.gov.cn/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


@pytest.fixture
def with_idp(settings, tmp_path):
    path = tmp_path / "idp.xml"
    path.write_text(METADATA)
    settings.SSO_IDP_METADATA_URL = ""
    settings.SSO_IDP_METADATA_FILE = str(path)
    settings.SSO_ALLOW_LOCAL_LOGIN = False
    return path


@pytest.fixture
def people(db):
    User = get_user_model()
    root = User.objects.create_superuser("root", "root@example.gov.cn", "break-glass-pass")
    editor = User.objects.create_user("editor", "e@example.gov.cn", "editor-pass")
    return root, editor


pytestmark = pytest.mark.django_db


def test_admin_login_redirects_to_sso_when_an_idp_is_configured(client, with_idp):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/sso/login/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/sso/login/").status_code == 302  # one IdP: straight to it
    start = client.get("/sso/saml/gov/login/")
    assert start.status_code == 302 and start["Location"].startswith("https://idp.example.gov.cn/sso?SAMLRequest=")


def test_admin_login_without_idp_keeps_the_password_form(client, settings):
    settings.SSO_IDP_METADATA_URL = settings.SSO_IDP_METADATA_FILE = ""
    assert client.get("/admin/login/").status_code == 200


def test_unsafe_next_is_dropped_on_the_way_to_sso(client, with_idp):
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == "/sso/login/"


def test_break_glass_superuser_may_use_the_password(client, with_idp, people):
    page = client.get("/admin/login/?local=1")
    assert page.status_code == 200
    response = client.post("/admin/login/?local=1", {"username": "root", "password": "break-glass-pass"})
    assert response.status_code == 302
    assert AuthEvent.objects.filter(kind="login", username="root", method="password").exists()


def test_other_users_cannot_use_the_password_when_sso_is_required(client, with_idp, people):
    response = client.post("/admin/login/?local=1", {"username": "editor", "password": "editor-pass"})
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session
    assert AuthEvent.objects.filter(kind="login_refused", username="editor", reason="local_login_disabled").exists()


def test_local_login_allowed_for_the_embedded_demo(client, with_idp, people, settings):
    settings.SSO_ALLOW_LOCAL_LOGIN = True
    response = client.post("/admin/login/?local=1", {"username": "editor", "password": "editor-pass"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_allauth_saml_endpoints_cannot_bypass_the_hardened_ones(client, with_idp):
    assert client.get("/accounts/saml/gov/login/?next=/portal/")["Location"] == "/sso/saml/gov/login/?next=/portal/"
    assert client.post("/accounts/saml/gov/acs/", {"SAMLResponse": "x"}).status_code == 404


def test_acs_without_a_pending_response_gets_a_chinese_page(client, with_idp):
    response = client.get("/sso/saml/gov/acs/finish/")
    assert response.status_code == 400
    assert "登录流程已过期" in response.content.decode()


def test_metadata_without_any_idp_still_describes_this_sp(client, settings):
    settings.SSO_IDP_METADATA_URL = settings.SSO_IDP_METADATA_FILE = ""
    response = client.get("/sso/saml/metadata/")
    assert response.status_code == 200
    assert b"/sso/saml/metadata/" in response.content and b"AssertionConsumerService" in response.content


@pytest.mark.parametrize(
    "auth_at, last_seen, expected",
    [(0, 0, ""), (-1000, -10, ""), (-5000, -10, "absolute_timeout"), (-100, -700, "idle_timeout")],
)
def test_timeout_decision(auth_at, last_seen, expected):
    assert timeout_reason(10_000, 10_000 + auth_at, 10_000 + last_seen, idle=600, absolute=3600) == expected


@pytest.mark.parametrize("key, seconds, reason", [(LAST_SEEN_KEY, 31 * 60, "idle_timeout"), (AUTH_AT_KEY, 9 * 3600, "absolute_timeout")])
def test_sessions_end_after_the_timeouts(client, people, key, seconds, reason):
    root, _ = people
    client.force_login(root)
    session = client.session
    assert session[AUTH_AT_KEY] and session[LAST_SEEN_KEY]  # set at login
    session[key] = time.time() - seconds
    session.save()
    assert client.get("/sso/session/").json() == {"authenticated": False}
    assert AuthEvent.objects.filter(kind="logout", username="root", reason=reason).exists()


def test_new_session_key_at_login(client, people):
    client.get("/sso/session/")
    client.session.save()
    before = client.session.session_key
    client.post("/admin/login/", {"username": "root", "password": "break-glass-pass"})
    assert client.session.session_key != before


def test_audit_log_is_read_only_in_the_admin(client, people):
    root, _ = people
    AuthEvent.objects.create(kind="login_refused", username="x", reason="replayed")
    client.force_login(root)
    listing = client.get("/admin/sso_audit/")
    assert listing.status_code == 200
    assert "replayed" in listing.content.decode()
    event = AuthEvent.objects.get(reason="replayed")
    assert client.get(f"/admin/sso_audit/inspect/{event.pk}/").status_code == 200
    assert client.get(f"/admin/sso_audit/edit/{event.pk}/").status_code == 404
    assert client.get("/admin/sso_audit/new/").status_code == 404


def test_identity_providers_and_role_mappings_are_editable_in_the_admin(client, people):
    client.force_login(people[0])
    assert client.get("/admin/sso_idp/new/").status_code == 200
    assert client.get("/admin/sso_role_mapping/new/").status_code == 200


def test_an_editor_without_audit_permission_cannot_read_the_log(client, people):
    from django.contrib.auth.models import Permission

    _, editor = people
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/sso_audit/").status_code in (302, 403)


def test_bad_attribute_map_fails_at_start_up(settings):
    from sso.mapping import DEFAULT_ATTRIBUTE_MAP, configured_attribute_map

    settings.SSO_ATTRIBUTE_MAP = {"mail": "telephone"}
    with pytest.raises(ImproperlyConfigured, match="SAML_ATTRIBUTE_MAP"):
        configured_attribute_map()
    settings.SSO_ATTRIBUTE_MAP = {"mail": "email", "groups": "roles"}
    assert configured_attribute_map() == {"mail": "email", "groups": "roles"}
    settings.SSO_ATTRIBUTE_MAP = None
    assert configured_attribute_map() == DEFAULT_ATTRIBUTE_MAP


def test_bad_attribute_map_in_the_environment_stops_the_process():
    from tests.test_production_settings import run_with

    result = run_with({"DJANGO_SETTINGS_MODULE": "config.settings.test", "SAML_ATTRIBUTE_MAP": '{"mail": "telephone"}'},
                      "import django; django.setup()")
    assert result.returncode != 0 and "SAML_ATTRIBUTE_MAP" in result.stderr


def test_sp_entity_id_defaults_to_the_metadata_url(settings):
    from sso.saml import sp_entity_id

    settings.BASE_URL = "https://www.example.gov.cn"
    settings.SSO_SP_ENTITY_ID = ""
    assert sp_entity_id() == "https://www.example.gov.cn/sso/saml/metadata/"
    settings.SSO_SP_ENTITY_ID = "urn:gov:example:sp"
    assert sp_entity_id() == "urn:gov:example:sp"


def test_production_defaults_are_strict():
    from tests.test_production_settings import GOOD_KEY, run_with

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SSO_ALLOW_LOCAL_LOGIN, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, "
        "s.SSO_SESSION_IDLE_TIMEOUT, s.SESSION_COOKIE_AGE)"
    )
    result = run_with({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "www.example.gov.cn", "SESSION_IDLE_TIMEOUT": "900",
                       "SESSION_ABSOLUTE_TIMEOUT": "7200"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "900", "7200"]


def test_an_identity_provider_is_added_in_the_admin_and_checked(client, people, with_idp):
    from sso.models import IdentityProvider

    client.force_login(people[0])
    form = {"slug": "district", "name": "东城区", "enabled": "on", "entity_id": "", "metadata_url": "",
            "metadata_xml": "", "attribute_map": "{}", "want_messages_signed": "on"}
    response = client.post("/admin/sso_idp/new/", form)
    assert response.status_code == 200 and not IdentityProvider.objects.exists()  # no metadata: refused
    response = client.post("/admin/sso_idp/new/", {**form, "attribute_map": '{"mail": "phone"}', "metadata_xml": METADATA})
    assert not IdentityProvider.objects.exists()  # unknown claim in the map: refused
    response = client.post("/admin/sso_idp/new/", {**form, "metadata_xml": METADATA})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get("/sso/saml/district/login/")["Location"].startswith("https://idp.example.gov.cn/sso?")
