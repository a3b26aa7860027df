"""Production: the same code, stricter rules. Refuses to start with an unsafe configuration and
says why in one line, because a half-secured government site is worse than one that is down."""
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F401,F403
from .base import INSECURE_DEV_SECRET_KEY, finalize_logging


def check_production_safety(settings: dict) -> None:
    """Raise ImproperlyConfigured for the first unsafe setting found."""
    if settings["DEBUG"]:
        raise ImproperlyConfigured("Production refuses DEBUG=true: it would show stack traces and settings to citizens.")
    key = settings["SECRET_KEY"]
    if not key or key == INSECURE_DEV_SECRET_KEY or key.startswith("django-insecure") or len(key) < 32:
        raise ImproperlyConfigured(
            "Production refuses the default or a short SECRET_KEY: set SECRET_KEY (or SECRET_KEY_FILE) to 50 random characters."
        )
    if not settings["ALLOWED_HOSTS"]:
        raise ImproperlyConfigured("Production refuses an empty ALLOWED_HOSTS: list this site's host names, comma-separated.")


IS_PRODUCTION = True
DEBUG = env_bool("DEBUG", False)
# Officials sign in through the IdP; only the break-glass superuser keeps a local password.
SSO_ALLOW_LOCAL_LOGIN = env_bool("SSO_ALLOW_LOCAL_LOGIN", False)
LOG_FORMAT = env_str("LOG_FORMAT", "json")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only, by default: plain HTTP is redirected (except the load balancer's health checks) and
# browsers are told to use HTTPS for a year. Turn off only behind a proxy that does both itself.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", True) else None
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

check_production_safety(globals())
finalize_logging(globals())
