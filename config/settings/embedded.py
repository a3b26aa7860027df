"""What ``./run`` serves: the embedded default (SQLite, database search, local-memory cache, demo
back ends) run the way production runs it - a real application server, DEBUG off, static files
collected with hashed names and served by whitenoise, Chinese error pages.

It differs from ``production`` only where one machine without a proxy needs it: a secret key is
made once and kept in ``VAR_DIR/secret_key`` (never the public default), uploaded media are
served by the application, and cookies work over plain http on 127.0.0.1. ``./run --debug``
uses ``config.settings.dev`` (Django's development server) instead.
"""
import secrets

from config.env import env_bool, env_str

from .base import *  # noqa: F401,F403
from .base import INSECURE_DEV_SECRET_KEY, VAR_DIR, finalize_logging
from .demo_idp import demo_idp


def embedded_secret_key(var_dir) -> str:
    """The secret from the environment, or one made on first start and kept beside the data:
    sessions survive a restart, and no two installations share the key printed in the code."""
    configured = env_str("SECRET_KEY", "")
    if configured and configured != INSECURE_DEV_SECRET_KEY:
        return configured
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = embedded_secret_key(VAR_DIR)
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
# As in dev: the terminal shows the server, the supervisor and the demo accounts, not a line
# per background task or page revision.
LOGGING["loggers"].update({  # noqa: F405
    "django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"},
    "wagtail": {"level": "WARNING"}, "cms.delivery.events": {"level": "WARNING"},
})
finalize_logging(globals())

# --- officials: single sign-on works out of the box with the demo IdP (sso/demo_idp) ---
SSO_DEMO_IDP_URL, _demo_sidecars, SSO_SP_CERT_FILE, SSO_SP_KEY_FILE = demo_idp(VAR_DIR, SSO_SP_CERT_FILE, SSO_SP_KEY_FILE)  # noqa: F405
EMBEDDED_SIDECARS = [*EMBEDDED_SIDECARS, *_demo_sidecars]  # noqa: F405
