"""The demo identity provider (sso/demo_idp) against this site as its service provider, both real
HTTP servers in this process: a newcomer's sign-in, roles → groups, just-in-time accounts, single
sign-on and single logout in both directions, and the refusals."""
from __future__ import annotations

import html
import re
import threading
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from sso.demo_idp import accounts, messages
from sso.demo_idp.keys import ensure_key_pair
from tests.services.base import free_port

pytestmark = [pytest.mark.embedded, pytest.mark.django_db(transaction=True)]

PORTAL_GROUPS = ("审批人员", "办公室人员", "12315受理员", "执法人员", "局领导", "全市工作人员", "市场监督管理局-编辑")


@pytest.fixture
def demo(live_server, settings, tmp_path):
    """The site at live_server as the SP of a demo IdP on a free port, set up by the demo loader."""
    from wsgiref.simple_server import make_server

    from sso.demo import load_demo_idp, load_sso_demo
    from sso.management.commands.sso_demo_idp import QuietHandler, ThreadingWSGIServer, build_state
    from sso.demo_idp.app import make_app

    base = live_server.url.replace("localhost", "127.0.0.1").rstrip("/")
    idp_url = f"http://127.0.0.1:{free_port()}"
    settings.BASE_URL = base
    settings.SSO_IDP_METADATA_URL = settings.SSO_IDP_METADATA_FILE = ""
    settings.SSO_SP_ENTITY_ID = ""
    settings.SSO_METADATA_CACHE_SECONDS = 0
    settings.SSO_DEMO_IDP_URL = idp_url
    settings.SSO_DEMO_IDP_KEY_DIR = tmp_path / "idp"
    cert, key = ensure_key_pair(tmp_path / "sp", "test-sp", stem="sp")
    settings.SSO_SP_CERT_FILE, settings.SSO_SP_KEY_FILE = str(cert), str(key)
    for name in PORTAL_GROUPS:
        Group.objects.get_or_create(name=name)
    lina = get_user_model().objects.create_user("lina", password="local-only-password-1")
    lina.groups.add(Group.objects.get(name="办公室人员"))  # not granted by the IdP: removed at SSO login
    load_sso_demo()
    output = load_demo_idp()
    load_demo_idp()  # idempotent
    state = build_state(idp_url, f"{base}/sso/saml/demo/metadata/")
    port = int(idp_url.rsplit(":", 1)[1])
    server = make_server("127.0.0.1", port, make_app(state), server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = httpx.Client(base_url=base, follow_redirects=True, timeout=20)
    yield {"base": base, "idp": idp_url, "client": client, "state": state, "output": output}
    client.close()
    server.shutdown()
    server.server_close()


def sign_in(client, idp: str, username: str, password: str = accounts.DEMO_PASSWORD, next_url: str = "/portal/"):
    """Public header → /sso/login/ → IdP form → credentials → auto-posted Response → the site."""
    page = client.get(f"/sso/login/?next={next_url}")
    token = re.search(r'name="token" value="([^"]+)"', page.text)
    if token:  # no IdP session yet: the login form
        assert str(page.url).startswith(f"{idp}/sso?SAMLRequest=")
        page = client.post(f"{idp}/login", data={"token": token.group(1), "username": username, "password": password})
        if page.status_code != 200:
            return page
    action = html.unescape(re.search(r'<form method="post" action="([^"]+)"', page.text).group(1))
    saml_response = html.unescape(re.search(r'name="SAMLResponse" value="([^"]+)"', page.text).group(1))
    return client.post(action, data={"SAMLResponse": saml_response})


def session(client) -> dict:
    return client.get("/sso/session/").json()


def sign_out_at_site(client, base: str):
    form = client.get("/sso/logout/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    return client.post("/sso/logout/", data={"csrfmiddlewaretoken": csrf}, headers={"Referer": f"{base}/sso/logout/"})


def test_an_official_signs_in_through_the_demo_idp_and_roles_become_groups(demo):
    response = sign_in(demo["client"], demo["idp"], "lina")
    assert response.status_code == 200 and str(response.url) == f"{demo['base']}/portal/"
    info = session(demo["client"])
    assert info["username"] == "lina" and info["identity_provider"] == "demo"  # the linked local account
    assert {"12315受理员", "执法人员", "局领导", "全市工作人员"} <= set(info["groups"])
    assert "办公室人员" not in info["groups"]  # managed by a role mapping, not sent for lina
    from cms.models import UserProfile

    profile = UserProfile.objects.get(user__username="lina")
    assert profile.department.name == "明川市市场监督管理局" and profile.uid == "lina"


def test_an_official_known_only_to_the_idp_gets_an_account_at_first_sign_in(demo):
    assert not get_user_model().objects.filter(username="wangfang").exists()
    sign_in(demo["client"], demo["idp"], "wangfang")
    user = get_user_model().objects.get(username="wangfang")
    assert user.first_name == "王芳" and user.groups.filter(name="市场监督管理局-编辑").exists()


def test_a_wrong_password_stays_at_the_idp_with_a_message(demo):
    response = sign_in(demo["client"], demo["idp"], "lina", password="wrong")
    assert response.status_code == 401 and "用户名或密码不正确" in response.text
    assert session(demo["client"]) == {"authenticated": False}


def test_accounts_the_idp_does_not_know_are_sent_to_the_sites_own_password_form(demo):
    """The demo's editors and administrator are local accounts: the IdP's form links to the
    site's ?local=1 password form, where an editor signs in to the admin."""
    client = demo["client"]
    page = client.get("/admin/")
    assert str(page.url).startswith(f"{demo['idp']}/sso?SAMLRequest=")  # the admin goes through SSO
    link = html.unescape(re.search(r'data-local-login>[^<]*<a href="([^"]+)"', page.text).group(1))
    assert link == f"{demo['base']}/admin/login/?local=1"
    form = client.get(link)
    assert form.status_code == 200 and 'name="password"' in form.text
    get_user_model().objects.create_user("local_editor", password="Local-editor-2026", is_staff=True, is_superuser=True)
    signed_in = client.post(link, data={"username": "local_editor", "password": "Local-editor-2026", "next": "/admin/",
                                        "csrfmiddlewaretoken": client.cookies.get("csrftoken", "")},
                            follow_redirects=False)
    assert signed_in.status_code == 302 and signed_in.headers["location"] == "/admin/"
    assert session(client)["username"] == "local_editor"


def test_a_second_sign_in_needs_no_password_while_the_idp_session_lasts(demo):
    client = demo["client"]
    sign_in(client, demo["idp"], "lina")
    client.cookies.delete("gov_sessionid")  # the site's session ends (e.g. idle timeout); the IdP's does not
    page = client.get("/sso/login/?next=/portal/")
    assert 'name="token"' not in page.text and 'name="SAMLResponse"' in page.text
    assert sign_in(client, demo["idp"], "ignored").url.path == "/portal/"
    assert session(client)["username"] == "lina"


def test_signing_out_at_the_site_signs_out_at_the_idp(demo):
    client = demo["client"]
    sign_in(client, demo["idp"], "lina")
    response = sign_out_at_site(client, demo["base"])
    assert urlsplit(str(response.url)).path == "/"  # home (no pages in this database)
    assert session(client) == {"authenticated": False}
    assert "您尚未登录统一身份认证" in client.get(f"{demo['idp']}/").text
    assert 'name="token"' in client.get("/sso/login/?next=/portal/").text  # the password is asked again


def test_signing_out_at_the_idp_signs_out_of_the_site(demo):
    client = demo["client"]
    sign_in(client, demo["idp"], "zhangwei")
    assert session(client)["authenticated"] is True
    response = client.post(f"{demo['idp']}/logout")
    assert response.status_code == 200 and "已退出所有系统" in response.text
    assert session(client) == {"authenticated": False}


def test_the_sp_signs_its_authn_requests_and_says_so_in_its_metadata(demo):
    metadata = demo["client"].get("/sso/saml/demo/metadata/").text
    assert 'AuthnRequestsSigned="true"' in metadata
    redirect = demo["client"].get("/sso/saml/demo/login/?next=/portal/", follow_redirects=False)
    query = parse_qs(urlsplit(redirect.headers["location"]).query)
    assert query["SigAlg"] == ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"] and query["Signature"][0]


def test_the_idp_refuses_unsigned_and_tampered_requests(demo):
    client = demo["client"]
    location = client.get("/sso/saml/demo/login/", follow_redirects=False).headers["location"]
    unsigned = re.sub(r"&(SigAlg|Signature)=[^&]*", "", location)
    assert client.get(unsigned).status_code == 400
    tampered = re.sub(r"Signature=[^&]{8}", "Signature=AAAAAAAA", location)
    response = client.get(tampered)
    assert response.status_code == 400 and "签名" in response.text


def test_an_authn_request_for_another_acs_is_refused(tmp_path):
    sp_cert, sp_key = ensure_key_pair(tmp_path, "sp", stem="sp")
    sp = messages.ServiceProvider("https://sp.example/meta", "https://sp.example/acs", "https://sp.example/sls",
                                  sp_cert.read_text(), True)
    xml = ('<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
           'ID="_r1" Version="2.0" AssertionConsumerServiceURL="https://evil.example/acs"><saml:Issuer>https://sp.example/meta</saml:Issuer>'
           '</samlp:AuthnRequest>')
    url = messages.redirect_url("https://idp.example/sso", "SAMLRequest", xml, "/portal/", sp_key.read_text())
    raw, relay = messages.read_redirect(urlsplit(url).query, sp, require_signature=True)
    assert relay == "/portal/"
    with pytest.raises(messages.MessageError, match="unknown_acs"):
        messages.parse_inbound(raw, relay, sp)
    other_issuer = xml.replace("https://sp.example/meta</saml:Issuer>", "https://other.example/</saml:Issuer>")
    with pytest.raises(messages.MessageError, match="unknown_service_provider"):
        messages.parse_inbound(other_issuer.encode(), None, sp)
    with pytest.raises(messages.MessageError, match="dtd_or_entity"):
        messages.parse_inbound(b'<!DOCTYPE x [<!ENTITY a "b">]>' + xml.encode(), None, sp)


def test_the_demo_idp_refuses_to_run_under_production_settings(settings):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("sso_demo_idp", "--url", "http://127.0.0.1:1")


def test_setup_demo_registers_the_demo_idp_only_when_configured(demo, settings):
    from sso.demo import load_demo_idp
    from sso.models import IdentityProvider, RoleMapping

    assert IdentityProvider.objects.filter(slug="demo", metadata_url=f"{demo['idp']}/metadata").count() == 1
    assert RoleMapping.objects.filter(identity_provider__slug="demo").count() == 5
    assert any("/sso/login/" in line for line in demo["output"])
    IdentityProvider.objects.all().delete()
    settings.SSO_DEMO_IDP_URL = ""
    assert load_demo_idp() == [] and not IdentityProvider.objects.exists()
