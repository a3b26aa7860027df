"""The embedded default: one machine, zero services (SQLite, database search, local-memory cache)."""
from config.env import env_bool, env_str

from .base import *  # noqa: F401,F403
from .base import finalize_logging

DEBUG = env_bool("DEBUG", True)
# A newcomer's terminal should show the server and the demo accounts, not one line per
# background task or page revision; production keeps these at INFO for the audit trail.
LOGGING["loggers"].update({"django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}, "cms.delivery.events": {"level": "WARNING"}})  # noqa: F405
finalize_logging(globals())

# --- officials: single sign-on works out of the box with the demo IdP (sso/demo_idp) ---
SSO_DEMO_IDP_URL = env_str("SSO_DEMO_IDP_URL", "http://127.0.0.1:8002").rstrip("/")  # noqa: F405
if SSO_DEMO_IDP_URL:
    from sso.demo_idp.keys import ensure_key_pair

    EMBEDDED_SIDECARS.append(["manage.py", "sso_demo_idp"])  # noqa: F405
    if not SSO_SP_CERT_FILE:  # noqa: F405 - a demo key pair, so AuthnRequests are signed as in production
        SSO_SP_CERT_FILE, SSO_SP_KEY_FILE = (str(p) for p in ensure_key_pair(VAR_DIR / "sso", "demo-sp", stem="sp"))  # noqa: F405
