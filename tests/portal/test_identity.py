"""The portal's JWT carries the user to back ends, and the demo back end verifies it."""
import time

import httpx
import jwt
import pytest

from portal.identity import context_for, issue_token, shared_secret
from tests.portal.conftest import make_layout, make_widget

pytestmark = pytest.mark.django_db


def claims(**overrides):
    now = int(time.time())
    return {"iss": "gov-portal", "aud": "oa", "sub": "1", "preferred_username": "approver", "name": "张伟",
            "department": "", "roles": ["审批人员"], "iat": now, "exp": now + 60, **overrides}


def call_oa(demo, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"{demo.base('oa')}/api/todos", headers=headers, timeout=5)


def test_the_token_names_user_department_and_roles(official, settings):
    token = issue_token(context_for(official), "oa")
    decoded = jwt.decode(token, shared_secret(), algorithms=["HS256"], audience="oa")
    assert decoded["sub"] == str(official.pk)
    assert decoded["preferred_username"] == "approver"
    assert decoded["roles"] == ["审批人员"]
    assert "department" in decoded
    assert 0 < decoded["exp"] - decoded["iat"] <= settings.PORTAL_JWT_TTL_SECONDS


def test_the_demo_back_end_accepts_the_portal_token(demo, official):
    response = call_oa(demo, issue_token(context_for(official), "oa"))
    assert response.status_code == 200
    assert response.json()["total"] >= 3  # approvers get a full in-tray


@pytest.mark.parametrize("forge", [
    lambda: jwt.encode(claims(), "not-the-portal-key", algorithm="HS256"),
    lambda: jwt.encode(claims(exp=int(time.time()) - 60), shared_secret(), algorithm="HS256"),
    lambda: jwt.encode(claims(aud="cases"), shared_secret(), algorithm="HS256"),
    lambda: jwt.encode(claims(iss="someone-else"), shared_secret(), algorithm="HS256"),
    lambda: jwt.encode(claims(), None, algorithm="none"),
    lambda: "",
], ids=["wrong-key", "expired", "other-audience", "other-issuer", "unsigned", "missing"])
def test_the_demo_back_end_refuses_a_bad_token(demo, forge):
    response = call_oa(demo, forge())
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"


def test_the_session_cookie_never_reaches_a_back_end(client, official, demo, monkeypatch):
    """What the REST connector sends: the bearer token, no cookie."""
    sent = []
    from portal import http

    real = http.request

    def spy(method, url, **kwargs):
        sent.append(kwargs.get("headers") or {})
        return real(method, url, **kwargs)

    monkeypatch.setattr(http, "request", spy)
    make_widget("todo")
    make_layout("one", ["todo"])
    client.force_login(official)
    assert client.get("/portal/api/widgets/todo/").json()["status"] == "ok"
    assert sent and all("Cookie" not in h and h["Authorization"].startswith("Bearer ") for h in sent)


def test_launcher_passes_a_token_to_applications_that_support_sso(client, official, demo):
    make_widget("apps", type="launcher", connector="", backend="", config={}, settings={"apps": [
        {"name": "OA", "url": "{backend}/", "backend": "oa", "sso": True}, {"name": "网站", "url": "/"}]})
    make_layout("one", ["apps"])
    client.force_login(official)
    data = client.get("/portal/api/widgets/apps/").json()["data"]
    assert data["apps"][0]["url"] == "/portal/launch/apps/0/" and data["apps"][1]["url"] == "/"
    response = client.get("/portal/launch/apps/0/")
    assert response.status_code == 302
    landing = httpx.get(response["Location"], timeout=5)
    assert "已通过门户单点登录：张伟" in landing.text


def test_rs256_tokens_verify_with_the_public_key_only(official, settings, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from portal.demo_backends.app import Verifier

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = tmp_path / "portal.key"
    public = tmp_path / "portal.pub"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    settings.PORTAL_JWT_PRIVATE_KEY_FILE, settings.PORTAL_JWT_PUBLIC_KEY_FILE = str(private), str(public)

    from portal.identity import verification_key

    token = issue_token(context_for(official), "oa")
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    verifier = Verifier(*verification_key(), issuer=settings.PORTAL_JWT_ISSUER)
    assert verifier.claims({"HTTP_AUTHORIZATION": f"Bearer {token}"}, "oa")["preferred_username"] == "approver"
    # A token signed with the shared secret instead is refused by an RS256 back end.
    hs = jwt.encode(claims(), shared_secret(), algorithm="HS256")
    with pytest.raises(jwt.InvalidTokenError):
        verifier.claims({"HTTP_AUTHORIZATION": f"Bearer {hs}"}, "oa")
