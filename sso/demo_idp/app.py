"""The demo IdP as a WSGI application: login form, SSO, single logout in both directions.

    GET  /metadata   the IdP's metadata (entity id = this URL)
    GET  /sso        an AuthnRequest (HTTP-Redirect, signed by the SP): login form, or straight
                     back to the SP when this browser already has an IdP session (that is SSO)
    POST /login      the form's credentials → signed Response, auto-posted to the SP's ACS
    GET  /slo        the SP's LogoutRequest (ends the IdP session, answers a signed
                     LogoutResponse) or the SP's LogoutResponse to our own LogoutRequest
    GET  /           who is signed in here; POST /logout signs out of every service (IdP-initiated SLO)

State (pending logins, sessions) lives in memory: it is a demo, restarting it signs everyone out
of the IdP (not of the site).
"""
from __future__ import annotations

import logging
import secrets
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from sso.demo_idp import accounts, messages
from sso.demo_idp.messages import MessageError

logger = logging.getLogger(__name__)
COOKIE = "demo_idp_session"
PENDING_TTL = 600
SP_METADATA_TTL = 30


@dataclass
class Session:
    uid: str
    started: float
    # (name_id, session_index) given to the SP, for single logout
    sp_sessions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class IdentityProviderState:
    """Configuration and in-memory state of one running demo IdP."""

    base_url: str
    sp_metadata_url: str
    key_pem: str
    cert_pem: str
    sessions: dict[str, Session] = field(default_factory=dict)
    pending: dict[str, tuple[float, messages.Inbound]] = field(default_factory=dict)
    logout_requests: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _sp: tuple[float, messages.ServiceProvider] | None = None

    @property
    def entity_id(self) -> str:
        return f"{self.base_url}/metadata"

    def service_provider(self) -> messages.ServiceProvider:
        """The SP, from its own metadata (re-read every few seconds: the site may start later)."""
        if self._sp and time.monotonic() - self._sp[0] < SP_METADATA_TTL:
            return self._sp[1]
        with urllib.request.urlopen(self.sp_metadata_url, timeout=5) as response:
            sp = messages.parse_sp_metadata(response.read())
        self._sp = (time.monotonic(), sp)
        return sp


class Reply:
    def __init__(self, status: str, body: str = "", *, content_type: str = "text/html; charset=utf-8", headers=()):
        self.status, self.body, self.headers = status, body, [("Content-Type", content_type), *headers]
        self.headers += [("Cache-Control", "no-store"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")]

    @classmethod
    def redirect(cls, url: str, *, headers=()) -> "Reply":
        return cls("303 See Other", "", headers=[("Location", url), *headers])


def _language(environ) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    for code, _q in parse_accept_lang_header(environ.get("HTTP_ACCEPT_LANGUAGE", "")):
        code = code.lower()
        for candidate in (code, "zh-hans" if code.startswith("zh") else code.split("-")[0]):
            if candidate in supported:
                return candidate
    return settings.LANGUAGE_CODE


def page(template: str, context: dict, *, status: str = "200 OK", headers=()) -> Reply:
    return Reply(status, render_to_string(f"sso/demo_idp/{template}", context), headers=headers)


def error(reason: str, *, status: str = "400 Bad Request") -> Reply:
    texts = {
        "unsigned": _("服务提供方的请求没有签名，演示身份认证只接受已签名的请求。"),
        "bad_signature": _("请求的签名无法验证。"),
        "weak_signature_algorithm": _("请求使用了不安全的签名算法。"),
        "unknown_service_provider": _("请求来自未登记的服务提供方。"),
        "unknown_acs": _("请求要求把身份断言发往未登记的地址。"),
        "sp_unreachable": _("暂时无法读取网站的服务提供方元数据，请确认网站已启动后重试。"),
        "expired": _("登录请求已过期，请回到网站重新登录。"),
    }
    text = texts.get(reason, _("请求无效，请回到网站重新登录。"))
    return page("error.html", {"message": text, "reason": reason}, status=status)


def make_app(state: IdentityProviderState):
    """The WSGI callable of one demo IdP."""

    def app(environ, start_response):
        with translation.override(_language(environ)):
            try:
                reply = route(state, environ)
            except Exception:
                logger.exception("demo IdP: unexpected error")
                reply = error("error", status="500 Internal Server Error")
        body = reply.body.encode("utf-8")
        start_response(reply.status, [*reply.headers, ("Content-Length", str(len(body)))])
        return [body]

    return app


def route(state: IdentityProviderState, environ) -> Reply:
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/").rstrip("/") or "/"
    handlers = {
        ("GET", "/metadata"): metadata,
        ("GET", "/sso"): single_sign_on,
        ("POST", "/login"): login,
        ("GET", "/slo"): single_logout,
        ("GET", "/"): status,
        ("POST", "/logout"): logout_everywhere,
    }
    handler = handlers.get((method, path))
    if handler is None:
        return Reply("404 Not Found", _("未找到"), content_type="text/plain; charset=utf-8")
    return handler(state, environ)


def _form(environ) -> dict[str, str]:
    try:
        length = min(int(environ.get("CONTENT_LENGTH") or 0), 64 * 1024)
    except ValueError:
        length = 0
    data = parse_qs(environ["wsgi.input"].read(length).decode("utf-8", "replace"))
    return {key: values[0] for key, values in data.items()}


def _session(state: IdentityProviderState, environ) -> tuple[str, Session | None]:
    cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    sid = cookie[COOKIE].value if COOKIE in cookie else ""
    session = state.sessions.get(sid)
    if session and time.time() - session.started > messages.SESSION_LIFETIME:
        state.sessions.pop(sid, None)
        session = None
    return sid, session


def _cookie(sid: str, *, max_age: int) -> tuple[str, str]:
    return ("Set-Cookie", f"{COOKIE}={sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}")


def metadata(state, environ) -> Reply:
    return Reply("200 OK", messages.idp_metadata(state.entity_id, state.base_url, state.cert_pem),
                 content_type="application/samlmetadata+xml")


def _inbound(state, environ) -> tuple[messages.ServiceProvider, messages.Inbound]:
    try:
        sp = state.service_provider()
    except (OSError, MessageError) as exc:
        logger.warning("demo IdP: cannot read the SP metadata at %s: %s", state.sp_metadata_url, exc)
        raise MessageError("sp_unreachable") from exc
    xml, relay_state = messages.read_redirect(environ.get("QUERY_STRING", ""), sp, require_signature=True)
    return sp, messages.parse_inbound(xml, relay_state, sp)


def single_sign_on(state, environ) -> Reply:
    try:
        sp, request = _inbound(state, environ)
    except MessageError as exc:
        return error(str(exc))
    if request.kind != "AuthnRequest":
        return error("unexpected_message")
    sid, session = _session(state, environ)
    if session is not None:
        return _post_to_sp(state, sp, request, accounts.find(session.uid), sid, session)
    token = secrets.token_urlsafe(24)
    with state.lock:
        now = time.time()
        state.pending = {k: v for k, v in state.pending.items() if now - v[0] < PENDING_TTL}
        state.pending[token] = (now, request)
    return _login_form(token, request)


def local_login_url(acs_url: str) -> str:
    """The site's own password form (``?local=1``) for accounts the IdP does not know: the demo's
    editors and administrator sign in there, as a break-glass account would in production."""
    base = acs_url.split("/sso/", 1)[0]
    return f"{base}/admin/login/?local=1" if base.startswith(("http://", "https://")) else ""


def _login_form(token: str, request=None, *, username: str = "", failed: bool = False) -> Reply:
    context = {"token": token, "username": username, "failed": failed, "officials": accounts.OFFICIALS,
               "demo_password": accounts.DEMO_PASSWORD,
               "local_login_url": local_login_url(getattr(request, "acs_url", "") or "")}
    return page("login.html", context, status="401 Unauthorized" if failed else "200 OK")


def login(state, environ) -> Reply:
    form = _form(environ)
    token = form.get("token", "")
    with state.lock:
        entry = state.pending.get(token)
    if entry is None or time.time() - entry[0] > PENDING_TTL:
        return error("expired")
    official = accounts.authenticate(form.get("username", ""), form.get("password", ""))
    if official is None:
        return _login_form(token, entry[1], username=form.get("username", "")[:50], failed=True)
    with state.lock:
        state.pending.pop(token, None)
        sid = secrets.token_urlsafe(32)
        session = state.sessions[sid] = Session(uid=official.uid, started=time.time())
    try:
        sp = state.service_provider()
    except OSError:
        return error("sp_unreachable")
    return _post_to_sp(state, sp, entry[1], official, sid, session)


def _post_to_sp(state, sp, request: messages.Inbound, official, sid: str, session: Session) -> Reply:
    if official is None:
        state.sessions.pop(sid, None)
        return error("expired")
    session_index = "_s" + secrets.token_hex(16)
    with state.lock:
        session.sp_sessions.append((official.uid, session_index))
    response = messages.authn_response(
        request, official, sp, idp_entity_id=state.entity_id, session_index=session_index,
        key_pem=state.key_pem, cert_pem=state.cert_pem,
    )
    context = {"acs_url": request.acs_url, "saml_response": response, "relay_state": request.relay_state, "official": official}
    return page("post.html", context, headers=[_cookie(sid, max_age=messages.SESSION_LIFETIME)])


def single_logout(state, environ) -> Reply:
    try:
        sp, message = _inbound(state, environ)
    except MessageError as exc:
        return error(str(exc))
    if message.kind == "LogoutRequest":
        # The SP signed out (its user pressed 退出): end every IdP session of that subject.
        with state.lock:
            for sid, session in list(state.sessions.items()):
                if any(name_id == message.name_id for name_id, _index in session.sp_sessions):
                    del state.sessions[sid]
        xml = messages.logout_response(message.id, sp.sls_url, idp_entity_id=state.entity_id)
        url = messages.redirect_url(sp.sls_url, "SAMLResponse", xml, message.relay_state, state.key_pem)
        return Reply.redirect(url, headers=[_cookie("", max_age=0)])
    if message.kind == "LogoutResponse" and message.in_response_to in state.logout_requests:
        state.logout_requests.discard(message.in_response_to)
        return page("signed_out.html", {})
    return error("unexpected_message")


def status(state, environ) -> Reply:
    _sid, session = _session(state, environ)
    official = accounts.find(session.uid) if session else None
    return page("status.html", {"official": official, "return_url": state.sp_metadata_url.split("/sso/")[0] + "/"})


def logout_everywhere(state, environ) -> Reply:
    """IdP-initiated single logout: end the IdP session, then ask the SP to end its own."""
    sid, session = _session(state, environ)
    with state.lock:
        state.sessions.pop(sid, None)
    if session is None or not session.sp_sessions:
        return page("signed_out.html", {}, headers=[_cookie("", max_age=0)])
    try:
        sp = state.service_provider()
    except (OSError, MessageError):
        return error("sp_unreachable")
    name_id, session_index = session.sp_sessions[-1]
    request_id, xml = messages.logout_request(name_id, session_index, sp.sls_url, idp_entity_id=state.entity_id)
    state.logout_requests.add(request_id)
    return Reply.redirect(messages.redirect_url(sp.sls_url, "SAMLRequest", xml, None, state.key_pem),
                          headers=[_cookie("", max_age=0)])
