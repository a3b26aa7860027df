"""The demo SAML identity provider (sso/demo_idp) that ``./run`` (config.settings.embedded) and
``./run --debug`` (config.settings.dev) start beside the site, so that a newcomer signs in to the
portal through real SAML. One definition for both; production and the test settings never load it.

``SSO_DEMO_IDP_URL`` (default http://127.0.0.1:8002, empty: no demo IdP) is where it listens.
The site signs its AuthnRequests as in production, with a demo key pair kept under VAR_DIR unless
``SSO_SP_CERT_FILE`` names a real one.
"""
from __future__ import annotations

from pathlib import Path

from config.env import env_str

DEFAULT_URL = "http://127.0.0.1:8002"
SIDECAR = ["manage.py", "sso_demo_idp"]


def demo_idp(var_dir: Path, sp_cert_file: str, sp_key_file: str) -> tuple[str, list[list[str]], str, str]:
    """``(SSO_DEMO_IDP_URL, sidecars to add, SSO_SP_CERT_FILE, SSO_SP_KEY_FILE)``."""
    url = env_str("SSO_DEMO_IDP_URL", DEFAULT_URL).rstrip("/")
    if not url:
        return "", [], sp_cert_file, sp_key_file
    if not sp_cert_file:
        from sso.demo_idp.keys import ensure_key_pair

        sp_cert_file, sp_key_file = (str(p) for p in ensure_key_pair(var_dir / "sso", "demo-sp", stem="sp"))
    return url, [SIDECAR], sp_cert_file, sp_key_file
