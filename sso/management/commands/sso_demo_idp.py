"""Serve the demo SAML identity provider (演示用统一身份认证) beside the site; never in production."""
from __future__ import annotations

from socketserver import ThreadingMixIn
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sso.demo_idp.app import IdentityProviderState, make_app
from sso.demo_idp.keys import ensure_key_pair


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


def build_state(url: str, sp_metadata_url: str) -> IdentityProviderState:
    cert_path, key_path = ensure_key_pair(settings.SSO_DEMO_IDP_KEY_DIR, "demo-idp.mingchuan.example", stem="idp")
    return IdentityProviderState(
        base_url=url.rstrip("/"), sp_metadata_url=sp_metadata_url,
        key_pem=key_path.read_text(encoding="ascii"), cert_pem=cert_path.read_text(encoding="ascii"),
    )


class Command(BaseCommand):
    help = "Serve the demo SAML identity provider for the embedded default (演示身份认证；生产环境拒绝运行)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=settings.SSO_DEMO_IDP_URL, help="the IdP's own base URL (SSO_DEMO_IDP_URL)")
        parser.add_argument("--sp-metadata", default="", help="the site's SP metadata URL (default: BASE_URL's, IdP slug demo)")

    def handle(self, *args, url, sp_metadata, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("演示身份认证只用于演示，生产配置下拒绝运行 / the demo IdP refuses to run under production settings")
        if not url:
            raise CommandError("SSO_DEMO_IDP_URL is empty: give --url http://127.0.0.1:8002")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or not parts.port:
            raise CommandError(f"--url {url!r}: use a full URL with a port, e.g. http://127.0.0.1:8002")
        from sso.demo import DEMO_IDP_SLUG

        sp_metadata = sp_metadata or f"{settings.BASE_URL}/sso/saml/{DEMO_IDP_SLUG}/metadata/"
        state = build_state(url, sp_metadata)
        server = make_server(parts.hostname, parts.port, make_app(state),
                             server_class=ThreadingWSGIServer, handler_class=QuietHandler)
        self.stdout.write(f"演示统一身份认证 / demo SAML IdP on {state.base_url}/ (metadata {state.entity_id})")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
