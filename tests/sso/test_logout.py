"""Single logout with the real IdP: SP-initiated (ends the IdP session too), IdP-initiated (ends
ours), and forged logout requests (unsigned, or signed by someone else) that must change nothing."""
from __future__ import annotations

import base64
import uuid
from datetime import datetime, timezone
from urllib.parse import urlencode

import pytest
import xmlsec

from sso.models import AuthEvent
from tests.sso.conftest import IDP_SLUG
from tests.sso.idp import deflate_b64

pytestmark = pytest.mark.django_db(transaction=True)

USER, PASSWORD, MAIL = "lina", "lina-pass", "lina@scjgj.example.gov.cn"


@pytest.fixture
def signed_in(browser, role_groups):
    browser.login(IDP_SLUG, USER, PASSWORD)
    assert browser.session()["authenticated"] is True
    return browser


def test_sp_initiated_logout_ends_both_sessions(signed_in, sp):
    response = signed_in.logout()
    assert response.status_code < 500
    assert signed_in.session() == {"authenticated": False}
    assert AuthEvent.objects.filter(kind="logout", username=USER).count() == 1
    assert not AuthEvent.objects.filter(kind="logout_refused").exists()
    # The IdP session is gone too: signing in again asks for the password.
    page = signed_in.start_login(IDP_SLUG)
    assert "AuthState" in page.text and "SAMLResponse" not in page.text


def test_idp_initiated_logout_ends_the_sp_session(signed_in, sp):
    url = f"{sp['SAML_TEST_IDP_BASE_URL']}saml2/idp/SingleLogoutService.php"
    response = signed_in.client.get(url, params={"ReturnTo": f"{sp['base']}/sso/session/"})
    assert any("/sso/saml/gov/sls/" in str(r.url) for r in response.history), [str(r.url) for r in response.history]
    assert signed_in.session() == {"authenticated": False}
    event = AuthEvent.objects.get(kind="logout")
    assert (event.username, event.reason, event.identity_provider) == (USER, "idp_logout", IDP_SLUG)


def logout_request(sp) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{now}" '
        f'Destination="{sp["base"]}/sso/saml/{IDP_SLUG}/sls/">'
        f'<saml:Issuer>{sp["SAML_TEST_IDP_ENTITY_ID"]}</saml:Issuer>'
        f'<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{MAIL}</saml:NameID>'
        "</samlp:LogoutRequest>"
    )


def assert_still_signed_in(browser, reason: str) -> None:
    assert browser.session()["username"] == USER
    assert not AuthEvent.objects.filter(kind="logout").exists()
    assert AuthEvent.objects.filter(kind="logout_refused", reason=reason).exists()


def test_forged_unsigned_logout_request_is_ignored(signed_in, sp):
    query = urlencode({"SAMLRequest": deflate_b64(logout_request(sp))})
    response = signed_in.get(f"/sso/saml/{IDP_SLUG}/sls/?{query}")
    assert response.status_code == 403
    assert "退出请求" in response.text
    assert_still_signed_in(signed_in, "unsigned_logout")


def test_logout_request_signed_by_another_key_is_ignored(signed_in, sp):
    alg = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    signed_part = urlencode({"SAMLRequest": deflate_b64(logout_request(sp)), "SigAlg": alg})
    ctx = xmlsec.SignatureContext()
    ctx.key = xmlsec.Key.from_file(sp["SAML_TEST_OTHER_KEY_FILE"], xmlsec.KeyFormat.PEM)
    signature = base64.b64encode(ctx.sign_binary(signed_part.encode(), xmlsec.Transform.RSA_SHA256)).decode()
    response = signed_in.get(f"/sso/saml/{IDP_SLUG}/sls/?{signed_part}&{urlencode({'Signature': signature})}")
    assert response.status_code == 403
    assert_still_signed_in(signed_in, "invalid_logout")


def test_garbage_logout_message_gets_400_page(signed_in):
    response = signed_in.get(f"/sso/saml/{IDP_SLUG}/sls/?SAMLRequest=%%%&SigAlg=x&Signature=y")
    assert response.status_code == 400
    assert_still_signed_in(signed_in, "bad_base64")


def test_admin_logout_goes_through_single_logout(signed_in):
    response = signed_in.get("/admin/logout/", follow_redirects=False)
    assert response.headers["location"] == "/sso/logout/"
    assert signed_in.session()["authenticated"] is True  # nothing ended without the POST
