"""Every attack from issue 5 against the real IdP's responses: each is refused with a 400/403 plain
Chinese page, leaves no session and no user behind, and writes an audit line with the reason."""
from __future__ import annotations

import base64

import pytest
from django.contrib.auth import get_user_model

from sso.models import AuthEvent
from tests.sso import forge
from tests.sso.conftest import IDP_SLUG, sp_remote_entry
from tests.sso.idp import Browser, write_sp_remote

pytestmark = pytest.mark.django_db(transaction=True)

USER, PASSWORD = "wangfang", "wangfang-pass"
EVIL = "https://evil.example/steal"


def assert_refused(browser, response, reason: str, *, user: str = USER) -> None:
    assert response.status_code in (400, 403), response.text[:300]
    assert "text/html" in response.headers["content-type"]
    assert "登录失败" in response.text
    assert browser.session() == {"authenticated": False}
    assert not get_user_model().objects.filter(username=user).exists()
    assert AuthEvent.objects.filter(kind="login_refused", reason=reason, identity_provider=IDP_SLUG).exists(), list(
        AuthEvent.objects.values_list("kind", "reason", "detail")
    )
    assert not AuthEvent.objects.filter(kind="login").exists()


@pytest.fixture
def captured(browser):
    return browser.capture(IDP_SLUG, USER, PASSWORD)


def post_forged(browser, captured, root):
    return browser.post_acs(captured, saml_response=forge.encode(root))


def test_tampered_assertion_is_refused(browser, captured, settings):
    # Judge the assertion's own signature: the attacker also drops the response signature.
    settings.SSO_IDP_WANT_MESSAGES_SIGNED = False
    root = forge.parse(captured.xml)
    forge.strip_signatures(root)
    forge.set_attribute(root, "roles", ["publisher", "admin"])
    assert_refused(browser, post_forged(browser, captured, root), "invalid_response")


def test_tampered_signed_response_is_refused(browser, captured):
    root = forge.parse(captured.xml)
    forge.set_attribute(root, "department", ["办公厅"])
    assert_refused(browser, post_forged(browser, captured, root), "invalid_response")


def test_signature_wrapping_is_refused(browser, captured, settings):
    settings.SSO_IDP_WANT_MESSAGES_SIGNED = False
    root = forge.parse(captured.xml)
    forge.strip_signatures(root)
    forge.wrap_signature(root, "attacker@evil.example")
    assert_refused(browser, post_forged(browser, captured, root), "invalid_response")


def test_response_signed_by_another_key_is_refused(browser, captured, sp):
    root = forge.parse(captured.xml)
    forge.resign(root, sp["SAML_TEST_OTHER_KEY_FILE"], sp["SAML_TEST_OTHER_CERT_FILE"])
    assert_refused(browser, post_forged(browser, captured, root), "invalid_response")


def test_unsigned_response_is_refused(browser, captured, settings):
    settings.SSO_IDP_WANT_MESSAGES_SIGNED = False  # even when only the assertion signature is required
    root = forge.parse(captured.xml)
    forge.strip_all_signatures(root)
    assert_refused(browser, post_forged(browser, captured, root), "invalid_response")


def test_sha1_signature_is_refused(browser, captured, sp):
    root = forge.parse(captured.xml)
    forge.resign(root, sp["SAML_TEST_IDP_KEY_FILE"], sp["SAML_TEST_IDP_CERT_FILE"], forge.SHA1)
    assert_refused(browser, post_forged(browser, captured, root), "invalid_response")


def test_sha1_from_the_real_idp_is_refused(browser, sp):
    entry = sp_remote_entry(sp["base"], IDP_SLUG, sp["SAML_TEST_SP_CERT_FILE"],
                            **{"signature.algorithm": "http://www.w3.org/2000/09/xmldsig#rsa-sha1"})
    write_sp_remote(sp["config_dir"], {sp["entity_id"]: entry})
    response = browser.login(IDP_SLUG, USER, PASSWORD)
    assert_refused(browser, response, "invalid_response")
    assert "deprecated" in AuthEvent.objects.get(kind="login_refused").detail.lower()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(forge.expire, id="expired"),
        pytest.param(lambda root: forge.set_audience(root, "https://other-sp.example/metadata/"), id="wrong-audience"),
        pytest.param(lambda root: forge.set_destination(root, "https://other-sp.example/acs/"), id="wrong-destination"),
        pytest.param(lambda root: forge.set_issuer(root, "https://rogue-idp.example/metadata.php"), id="wrong-issuer"),
    ],
)
def test_validly_signed_but_wrong_response_is_refused(browser, captured, sp, change):
    """Re-signed with the IdP's own key, so only the expiry/audience/destination/issuer check can catch it."""
    root = forge.parse(captured.xml)
    change(root)
    forge.resign(root, sp["SAML_TEST_IDP_KEY_FILE"], sp["SAML_TEST_IDP_CERT_FILE"])
    assert_refused(browser, post_forged(browser, captured, root), "invalid_response")


def test_resigned_unchanged_response_is_accepted(browser, captured, sp, role_groups):
    """Control for the tests above: our re-signing itself is valid, so their refusals are real."""
    root = forge.parse(captured.xml)
    forge.resign(root, sp["SAML_TEST_IDP_KEY_FILE"], sp["SAML_TEST_IDP_CERT_FILE"])
    post_forged(browser, captured, root)
    assert browser.session()["username"] == USER


def test_replayed_response_is_refused(browser, captured, sp, role_groups):
    browser.post_acs(captured)
    assert browser.session()["username"] == USER
    attacker = Browser(sp["base"])
    try:
        response = attacker.post_acs(captured)
        assert response.status_code == 403
        assert attacker.session() == {"authenticated": False}
        assert AuthEvent.objects.filter(kind="login_refused", reason="replayed").count() == 1
        # and once more from the victim's own browser
        assert browser.post_acs(captured).status_code == 403
    finally:
        attacker.close()


def test_dtd_and_entity_payload_is_refused_with_400(browser, captured):
    payload = base64.b64encode(forge.with_doctype(captured.xml)).decode()
    response = browser.post_acs(captured, saml_response=payload)
    assert response.status_code == 400
    assert_refused(browser, response, "dtd_or_entity")


@pytest.mark.parametrize("payload", ["!!!not base64!!!", "PHNhbWw+", ""], ids=["garbage", "truncated-xml", "empty"])
def test_malformed_input_gets_a_page_not_a_500(browser, captured, payload):
    response = browser.post_acs(captured, saml_response=payload)
    assert response.status_code == 400
    reason = {"": "missing_message", "PHNhbWw+": "invalid_response"}.get(payload, "bad_base64")
    assert_refused(browser, response, reason)


@pytest.mark.parametrize("target", [EVIL, "//evil.example/", "/\\evil.example/", "javascript:alert(1)"])
def test_open_redirect_through_next_is_refused(browser, target):
    response = browser.start_login(IDP_SLUG, next_url=target)
    assert response.status_code == 400
    assert_refused(browser, response, "unsafe_redirect")
    assert response.history == []  # answered on the spot, never redirected anywhere


def test_tampered_relay_state_never_redirects_off_site(browser, captured, role_groups):
    response = browser.post_acs(captured, relay_state=EVIL)
    assert str(response.url).startswith(browser.sp_base)
    assert all("evil.example" not in r.headers.get("location", "") for r in response.history)


def idp_initiated(browser, sp, relay_state: str = ""):
    url = f"{sp['SAML_TEST_IDP_BASE_URL']}saml2/idp/SSOService.php"
    params = {"spentityid": sp["entity_id"]}
    if relay_state:
        params["RelayState"] = relay_state
    page = browser.client.get(url, params=params)
    if "SAMLResponse" not in page.text:
        page = browser.submit_credentials(page, USER, PASSWORD)
    return browser.capture_from(page)


def test_idp_initiated_login_is_refused_by_default(browser, sp):
    captured = idp_initiated(browser, sp)
    assert_refused(browser, browser.post_acs(captured), "unsolicited")


def test_idp_initiated_login_when_enabled_is_accepted_once(browser, sp, settings, role_groups):
    settings.SSO_IDP_ALLOW_IDP_INITIATED = True
    captured = idp_initiated(browser, sp, relay_state="/sso/session/")
    response = browser.post_acs(captured)
    assert str(response.url) == browser.sp_base + "/sso/session/"
    assert response.json()["username"] == USER
    attacker = Browser(sp["base"])
    try:
        assert attacker.post_acs(captured).status_code == 403
        assert attacker.session() == {"authenticated": False}
        assert AuthEvent.objects.filter(kind="login_refused", reason="replayed").exists()
    finally:
        attacker.close()


def test_open_redirect_through_relay_state_is_refused(browser, sp, settings):
    settings.SSO_IDP_ALLOW_IDP_INITIATED = True
    captured = idp_initiated(browser, sp, relay_state=EVIL)
    assert_refused(browser, browser.post_acs(captured), "unsafe_redirect")
