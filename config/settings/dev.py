"""The embedded default: one machine, zero services (SQLite, database search, local-memory cache)."""
from config.env import env_bool, env_str

from .base import *  # noqa: F401,F403
from .base import finalize_logging
from .demo_idp import demo_idp

DEBUG = env_bool("DEBUG", True)
# A newcomer's terminal should show the server and the demo accounts, not one line per
# background task or page revision; production keeps these at INFO for the audit trail.
LOGGING["loggers"].update({"django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}, "cms.delivery.events": {"level": "WARNING"}})  # noqa: F405
finalize_logging(globals())

# --- officials: single sign-on works out of the box with the demo IdP (sso/demo_idp) ---
SSO_DEMO_IDP_URL, _demo_sidecars, SSO_SP_CERT_FILE, SSO_SP_KEY_FILE = demo_idp(VAR_DIR, SSO_SP_CERT_FILE, SSO_SP_KEY_FILE)  # noqa: F405
EMBEDDED_SIDECARS = [*EMBEDDED_SIDECARS, *_demo_sidecars]  # noqa: F405
