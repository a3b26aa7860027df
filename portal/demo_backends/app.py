"""The demo back ends as one WSGI application and a threaded server.

Routes (each under its system's prefix, each needing ``Authorization: Bearer <portal JWT>``
whose audience is the system's name): ``/oa/api/todos``, ``/oa/api/messages``, ``/oa/feed.xml``,
``/12315/api/complaints``, ``/12315/api/stats``, ``/cases/api/cases``, ``/meetings/api/meetings``.
Test knobs on every API route: ``?delay_ms=N`` (extra latency), ``?fail=1`` (503),
``?hang=1`` (never answers), ``?redirect=URL`` (302 there). ``POST /_control`` with ``{"failure_rate": x, "latency": [lo, hi]}``
changes the whole server (loopback demo only). ``GET /healthz`` needs no token.
"""
from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt

from portal.demo_backends import data

# URL prefix -> (JWT audience = PORTAL_BACKENDS name, routes)
SYSTEMS = {
    "oa": ("oa", {"/api/todos": data.oa_todos, "/api/messages": data.oa_messages, "/feed.xml": data.oa_feed}),
    "12315": ("complaints", {"/api/complaints": data.complaints, "/api/stats": data.complaint_stats}),
    "cases": ("cases", {"/api/cases": data.cases}),
    "meetings": ("meetings", {"/api/meetings": data.meetings}),
}
TITLES = {"oa": "协同办公（OA）系统", "12315": "12315 投诉举报处理系统", "cases": "行政执法办案系统", "meetings": "会议管理系统"}


@dataclass
class Behaviour:
    latency: tuple[int, int] = (0, 0)  # milliseconds
    failure_rate: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class Verifier:
    """How tokens are checked: the portal's verification key, algorithm and issuer."""

    algorithm: str
    key: str
    issuer: str

    def claims(self, environ, audience: str) -> dict:
        header = environ.get("HTTP_AUTHORIZATION", "")
        token = header[7:] if header.startswith("Bearer ") else ""
        if not token:
            raise jwt.InvalidTokenError("missing token")
        return jwt.decode(token, self.key, algorithms=[self.algorithm], audience=audience, issuer=self.issuer,
                          leeway=5, options={"require": ["exp", "iat", "sub", "aud", "iss"]})


def _json(start_response, status: str, body) -> list[bytes]:
    payload = json.dumps(body, ensure_ascii=False).encode()
    start_response(status, [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(payload)))])
    return [payload]


def _html(start_response, title: str, text: str) -> list[bytes]:
    from html import escape

    payload = (f'<!DOCTYPE html><html lang="zh-hans"><meta charset="utf-8"><title>{escape(title)}</title>'
               f"<h1>{escape(title)}</h1><p>{escape(text)}</p></html>").encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))])
    return [payload]


def make_app(verifier: Verifier, behaviour: Behaviour):
    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if path == "/healthz":
            return _json(start_response, "200 OK", {"status": "ok"})
        if path == "/_control" and environ["REQUEST_METHOD"] == "POST":
            return _control(environ, start_response, behaviour)
        prefix, _, rest = path.lstrip("/").partition("/")
        if prefix not in SYSTEMS:
            return _json(start_response, "404 Not Found", {"error": "not_found"})
        audience, routes = SYSTEMS[prefix]
        handler = routes.get("/" + rest)
        if handler is None:
            return _page(environ, start_response, verifier, prefix, audience, query)
        _delay(behaviour, query)
        try:
            claims = verifier.claims(environ, audience)
        except jwt.InvalidTokenError as exc:
            return _json(start_response, "401 Unauthorized", {"error": "invalid_token", "detail": type(exc).__name__})
        if query.get("redirect"):
            start_response("302 Found", [("Location", query["redirect"][0]), ("Content-Length", "0")])
            return [b""]
        if query.get("fail") == ["1"] or random.random() < behaviour.failure_rate:
            return _json(start_response, "503 Service Unavailable", {"error": "unavailable"})
        base = f"http://{environ.get('HTTP_HOST', 'localhost')}"
        body = handler(claims, base)
        if isinstance(body, str):
            payload = body.encode()
            start_response("200 OK", [("Content-Type", "application/rss+xml; charset=utf-8"), ("Content-Length", str(len(payload)))])
            return [payload]
        return _json(start_response, "200 OK", body)

    return app


def _delay(behaviour: Behaviour, query) -> None:
    if query.get("hang") == ["1"]:
        time.sleep(3600)  # a back end that never answers
    low, high = behaviour.latency
    extra = int((query.get("delay_ms") or ["0"])[0] or 0)
    time.sleep((random.uniform(low, high) + min(max(extra, 0), 60_000)) / 1000)


def _control(environ, start_response, behaviour: Behaviour):
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length) or b"{}")
        with behaviour.lock:
            if "failure_rate" in body:
                behaviour.failure_rate = min(max(float(body["failure_rate"]), 0.0), 1.0)
            if "latency" in body:
                low, high = (int(v) for v in body["latency"])
                behaviour.latency = (max(low, 0), max(high, low, 0))
    except (ValueError, TypeError, KeyError):
        return _json(start_response, "400 Bad Request", {"error": "bad_control"})
    return _json(start_response, "200 OK", {"failure_rate": behaviour.failure_rate, "latency": list(behaviour.latency)})


def _page(environ, start_response, verifier, prefix, audience, query):
    """The systems' own pages (what links and the launcher open); a portal token signs the user in."""
    title = f"{TITLES[prefix]}（演示）"
    token = (query.get("portal_token") or [""])[0]
    if token:
        try:
            claims = verifier.claims({"HTTP_AUTHORIZATION": f"Bearer {token}"}, audience)
        except jwt.InvalidTokenError:
            return _html(start_response, title, "门户令牌无效或已过期，请从门户重新进入。")
        return _html(start_response, title, f"已通过门户单点登录：{claims.get('name')}（{claims.get('department') or '未设置部门'}）")
    return _html(start_response, title, "这是演示用的业务系统页面。")


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is the base class's
        pass


def serve(host: str, port: int, verifier: Verifier, behaviour: Behaviour) -> ThreadingWSGIServer:
    return make_server(host, port, make_app(verifier, behaviour), server_class=ThreadingWSGIServer, handler_class=QuietHandler)
