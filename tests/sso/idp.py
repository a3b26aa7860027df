"""Driving the real test IdP (SimpleSAMLphp, tests/services/saml_idp.py) over HTTP.

``Browser`` is one user agent (cookies for both the SP and the IdP) that signs in like a person
would: SP login → IdP form → credentials → auto-submit form with SAMLResponse → SP's ACS.
``capture`` stops before the last step so tests can tamper with a real response.
"""
from __future__ import annotations

import base64
import html
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx

_INPUT = re.compile(r'<input[^>]*name="(?P<name>[^"]+)"[^>]*value="(?P<value>[^"]*)"', re.I)
_FORM_ACTION = re.compile(r'<form[^>]*action="(?P<action>[^"]+)"', re.I)


@dataclass
class Captured:
    acs_url: str
    saml_response: str
    relay_state: str

    @property
    def xml(self) -> bytes:
        return base64.b64decode(self.saml_response)


def form_fields(page: str) -> dict[str, str]:
    return {m["name"]: html.unescape(m["value"]) for m in _INPUT.finditer(page)}


def write_sp_remote(config_dir: str, entries: dict) -> None:
    path = Path(config_dir) / "metadata" / "sp-remote.json"
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=2), encoding="utf-8")


def write_users(config_dir: str, users: dict) -> None:
    (Path(config_dir) / "users.json").write_text(json.dumps(users, ensure_ascii=False, indent=2), encoding="utf-8")


def default_users(config_dir: str) -> dict:
    return json.loads((Path(config_dir) / "users.default.json").read_text(encoding="utf-8"))


def deflate_b64(xml: str) -> str:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(compressor.compress(xml.encode()) + compressor.flush()).decode()


class Browser:
    def __init__(self, sp_base: str):
        self.sp_base = sp_base.rstrip("/")
        self.client = httpx.Client(follow_redirects=True, timeout=20)

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.client.get(url if url.startswith("http") else self.sp_base + url, **kwargs)

    def start_login(self, idp_slug: str, next_url: str | None = None) -> httpx.Response:
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return self.get(f"/sso/saml/{idp_slug}/login/{query}")

    def submit_credentials(self, page: httpx.Response, username: str, password: str) -> httpx.Response:
        fields = form_fields(page.text)
        assert "AuthState" in fields, f"no IdP login form: {page.status_code} {page.url}\n{page.text[:500]}"
        fields.update(username=username, password=password)
        return self.client.post(str(page.url).split("?")[0], data=fields)

    def capture_from(self, page: httpx.Response) -> Captured:
        fields = form_fields(page.text)
        assert "SAMLResponse" in fields, f"no SAMLResponse form: {page.status_code} {page.url}\n{page.text[:800]}"
        return Captured(html.unescape(_FORM_ACTION.search(page.text)["action"]), fields["SAMLResponse"], fields.get("RelayState", ""))

    def capture(self, idp_slug: str, username: str, password: str, next_url: str | None = None) -> Captured:
        page = self.start_login(idp_slug, next_url)
        if "SAMLResponse" not in page.text:
            page = self.submit_credentials(page, username, password)
        return self.capture_from(page)

    def post_acs(self, captured: Captured, saml_response: str | None = None, relay_state: str | None = None) -> httpx.Response:
        data = {"SAMLResponse": captured.saml_response if saml_response is None else saml_response}
        rs = captured.relay_state if relay_state is None else relay_state
        if rs:
            data["RelayState"] = rs
        return self.client.post(captured.acs_url, data=data)

    def login(self, idp_slug: str, username: str, password: str, next_url: str | None = None) -> httpx.Response:
        return self.post_acs(self.capture(idp_slug, username, password, next_url))

    def session(self) -> dict:
        return self.get("/sso/session/").json()

    def logout(self) -> httpx.Response:
        page = self.get("/sso/logout/")
        token = form_fields(page.text)["csrfmiddlewaretoken"]
        return self.client.post(self.sp_base + "/sso/logout/", data={"csrfmiddlewaretoken": token},
                                headers={"Referer": self.sp_base + "/sso/logout/"})
