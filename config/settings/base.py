"""Settings shared by every deployment. Values that differ between deployments come from the
environment (see ``.env.example``); the defaults are the embedded, one-machine set-up."""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE as CSP_NONCE
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF

from config.client_address import parse_networks
from config.env import env_bool, env_choice, env_float, env_int, env_json, env_list, env_str, env_url_map

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# Only good for the embedded default: production.py refuses to start with it.
INSECURE_DEV_SECRET_KEY = "django-insecure-embedded-default-change-me"
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "明川市人民政府")
# Set to True only by config/settings/production.py. Code that must behave differently in
# production (demo loaders, local log-in defaults) reads this, never the settings module's name.
IS_PRODUCTION = False

INSTALLED_APPS = [
    # project apps first so that their templates and static files win
    "themes",
    "cms",
    "cms.delivery",
    # django-ninja as an app: /api/docs/ then serves the Swagger UI files the package ships
    # (swagger-ui-dist) from our static files instead of loading them from a CDN
    "ninja",
    "search",
    "sso",
    "portal",
    "notifications",
    "oversight",
    "interaction",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # single sign-on
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.saml",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # headless API (cms.delivery): CORS for other front ends
    "corsheaders",
    # public site (themes)
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
]

# The whole chain, in order. Why each sits where it does:
MIDDLEWARE = [
    "config.request_id.RequestIdMiddleware",  # first, so every log line carries the request id
    "django.middleware.security.SecurityMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",  # CSP header on every response (config/csp.py)
    "config.hostile_input.RejectHostileInputMiddleware",  # NUL in any parameter: 400 before any view
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files answered before sessions are read
    # anonymous pages answered from the cache before the session and the database are touched
    "cms.delivery.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "themes.middleware.ActiveThemeMiddleware",  # before anything renders a template
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # answers pre-flight requests itself: before CommonMiddleware
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "oversight.pageviews.PageViewMiddleware",  # counts public page views (no personal data); outside any page cache
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.delivery.ratelimit.RateLimitMiddleware",  # before the response cache, so cache hits count too
    "cms.delivery.caching.ConditionalCacheMiddleware",
    "sso.middleware.SessionTimeoutMiddleware",
    "sso.middleware.LoginRoutingMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        # The active theme's templates come first; the cached loader keys its cache by theme.
        "APP_DIRS": False,
        "OPTIONS": {
            "loaders": [
                ("themes.loaders.CachedLoader", [
                    "themes.loaders.ThemeLoader",
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ]),
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
                "cms.delivery.context_processors.content_cache",  # shared fragments cached per content generation
            ],
            # ``|safe_url`` everywhere (config/safe_url.py): links render as http(s) or not at all.
            "builtins": ["config.safe_url"],
        },
    },
]

# --- data stores -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
# SQLite options (WAL, IMMEDIATE transactions, busy timeout): see the prod-run block at the end.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "gov"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Without Redis the embedded default still runs several processes (application server workers,
    # task worker, scheduler) that must see one cache: the content generation that a publish in any
    # of them replaces (page and API caches), rate-limit counters, the SAML replay cache. A cache
    # in files under VAR_DIR is shared by every process of the machine; memory would not be.
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000, minimum=100)},
    }}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background work (indexing outbox, webhooks, scheduled publishing). The database backend works
# for the embedded default and for production workers alike (``manage.py db_worker``).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- auth ----------------------------------------------------------------------------------------
# Django's and allauth's backends, each wrapped by the SSO login policy (local passwords only for
# the break-glass superuser once an IdP is configured, unless SSO_ALLOW_LOCAL_LOGIN).
AUTHENTICATION_BACKENDS = [
    "sso.backends.PolicyModelBackend",
    "sso.backends.PolicyAllauthBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_USER_LOGIN_FORM = "sso.forms.AdminLoginForm"  # says how long a throttled login waits
LOGIN_REDIRECT_URL = "/portal/"

# --- language and time ---------------------------------------------------------------------------
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# zh-hans is the source language (msgids are Chinese); locale/<lang>/LC_MESSAGES/django.po hold the
# catalogues, refreshed by scripts/translations; the compiled .mo files are committed beside them.
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Each theme's static/ folder is served under /static/themes/<name>/ (themes.finders).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "themes.finders.ThemeStaticFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail -------------------------------------------------------------------------------------
# The database backend, with Chinese page searches in the admin resolved by the project's search
# service (search/wagtail_backend.py), so 公积金 finds every page about it.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- security ------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Addresses/networks of our own proxies and load balancers; their X-Forwarded-For is believed
# (config/client_address.py). Empty: the peer address is the client.
TRUSTED_PROXIES = [str(net) for net in parse_networks(env_list("TRUSTED_PROXIES", []))]
# Outbound HTTP (config/outbound.py): private/loopback/link-local destinations are refused unless
# the host is listed here (webhook receivers inside the intranet) or the block is off.
OUTBOUND_BLOCK_PRIVATE = env_bool("OUTBOUND_BLOCK_PRIVATE", True)
OUTBOUND_ALLOWED_HOSTS = env_list("OUTBOUND_ALLOWED_HOSTS", [])
# One login throttle for every password form (sso/throttle.py): (free failures, longest wait s).
LOGIN_THROTTLE_PAIR = (env_int("LOGIN_THROTTLE_PAIR_FREE", 5, minimum=1), 15 * 60)
LOGIN_THROTTLE_ADDRESS = (env_int("LOGIN_THROTTLE_ADDRESS_FREE", 30, minimum=1), 15 * 60)
LOGIN_THROTTLE_ACCOUNT = (env_int("LOGIN_THROTTLE_ACCOUNT_FREE", 50, minimum=1), 30)
LOGIN_THROTTLE_MEMORY = 24 * 3600  # seconds a failure is remembered
# Content-Security-Policy (django-csp; config/csp.py): strict for the public site and the portal ...
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF, CSP_NONCE],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "frame-src": [CSP_SELF],
        "frame-ancestors": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
    },
}
# No avatars from gravatar.com: officials' e-mail hashes stay here and the admin loads nothing
# from third parties (the CSP below would block it anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# ... and what Wagtail's admin needs on top (its own inline scripts and style attributes).
CSP_ADMIN_PATHS = ["/admin/", "/django-admin/"]
CSP_ADMIN_REPLACE = {
    "script-src": [CSP_SELF, "'unsafe-inline'"],
    "style-src": [CSP_SELF, "'unsafe-inline'"],
    "img-src": [CSP_SELF, "data:", "blob:"],
    "font-src": [CSP_SELF, "data:"],
}
# Personal data kept (config/retention.py; purged by the scheduler worker, hourly).
RETENTION_ANALYTICS_DAYS = env_int("RETENTION_ANALYTICS_DAYS", 180, minimum=1)
RETENTION_PERSONAL_DATA_DAYS = env_int("RETENTION_PERSONAL_DATA_DAYS", 90, minimum=1)
RETENTION_PURGE_INTERVAL = env_int("RETENTION_PURGE_INTERVAL", 3600, minimum=60)
# allauth's own "login_failed" limit locks the real user out too: the throttle above replaces it.
ACCOUNT_RATE_LIMITS = {"login_failed": False}

# --- logging -------------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "text")  # "json" in production
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.request_id.RequestIdLogFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "text", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # one line per outbound request at INFO is noise; failures are logged by portal.fetching
        "httpx": {"level": "WARNING"},
    },
}

# --- the embedded default's background processes --------------------------------------------------
# Commands started beside the web server by ``./run`` (config/embedded.py, which restarts one that
# crashes). Production runs the same commands as separate services (deploy/systemd/). Periodic work
# is not a process per app: apps register jobs in ``<app>/periodic.py`` and the one periodic worker
# (``run_periodic``, ops/periodic.py) runs them all, with leadership so two worker sets never both act.
CMS_SCHEDULER_INTERVAL = env_int("CMS_SCHEDULER_INTERVAL", 30, minimum=1)
PORTAL_DEMO_BACKENDS_PORT = env_int("PORTAL_DEMO_BACKENDS_PORT", 8001, minimum=1)
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "").rstrip("/")  # empty: the database answers searches
OVERSIGHT_CHECK_INTERVAL = env_int("OVERSIGHT_CHECK_INTERVAL", 300, minimum=5)
EMBEDDED_SIDECARS: list[list[str]] = [
    # the task queue; idle, it looks for work every 2 s (one short read on SQLite's WAL)
    ["manage.py", "db_worker", "--interval", "2"],
    # scheduled publishing and expiry, webhook retries, search outbox catch-up, periodic checks
    ["manage.py", "run_periodic"],
    ["manage.py", "portal_demo_backends", "--port", str(PORTAL_DEMO_BACKENDS_PORT), "--latency", "50-300"],
]

# --- cms: content, attachments, mail ---------------------------------------------------------------
# Slugs are the stable ids of the exchange format (content.schema.json: ^[a-z0-9-]+$).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Attachments: Wagtail enforces both in the admin; import_content checks them too.
WAGTAILDOCS_EXTENSIONS = [ext.lower().lstrip(".") for ext in env_list(
    "CMS_DOCUMENT_EXTENSIONS",
    ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps", "et", "zip", "txt", "csv", "png", "jpg"],
)]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("CMS_DOCUMENT_MAX_UPLOAD_MB", 20, minimum=1) * 1024 * 1024
# Documents are served only through Wagtail's view, which checks who may read them (cms/documents.py);
# the web server must never serve MEDIA_ROOT/documents/ itself. Collections whose documents are
# public whatever uses them (forms for everyone):
WAGTAILDOCS_SERVE_METHOD = "serve_view"
CMS_PUBLIC_DOCUMENT_COLLECTIONS = env_list("CMS_PUBLIC_DOCUMENT_COLLECTIONS", [])
# Workflow notifications (submitted / approved / rejected with the reviewer's comment).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@mingchuan.gov.example")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# --- cms.delivery: the headless API ----------------------------------------------------------------
# CORS: only these origins may read the API from a browser.
CORS_ALLOWED_ORIGINS = env_list("DELIVERY_CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "X-Request-ID"]
CORS_PREFLIGHT_MAX_AGE = 86400
DELIVERY_API_PREFIX = "/api/v1/"
DELIVERY_PAGE_SIZE_MAX = env_int("DELIVERY_PAGE_SIZE_MAX", 100, minimum=1)
DELIVERY_IMAGE_RENDITIONS = {"thumbnail": "fill-320x200", "medium": "max-800x600", "large": "max-1600x1200"}
# HTTP caching and purge
DELIVERY_CACHE_MAX_AGE = env_int("DELIVERY_CACHE_MAX_AGE", 60, minimum=0)
DELIVERY_CACHE_S_MAXAGE = env_int("DELIVERY_CACHE_S_MAXAGE", 300, minimum=0)
DELIVERY_PURGE_BACKEND = env_choice("DELIVERY_PURGE_BACKEND", "noop", {"noop", "http"})
DELIVERY_PURGE_URLS = env_list("DELIVERY_PURGE_URLS", [])
# Front-end caches (CDN, Varnish, nginx) are purged through Wagtail's own frontend_cache:
# DELIVERY_PURGE_BACKEND=http sends PURGE to each of DELIVERY_PURGE_URLS; FRONTEND_CACHE_BACKENDS
# adds backends in Wagtail's format (Cloudflare, CloudFront, Azure). Checked at start-up.
WAGTAILFRONTENDCACHE = {
    **({f"http-{number}": {"BACKEND": "cms.delivery.purge.HTTPBackend", "LOCATION": location.rstrip("/")}
        for number, location in enumerate(DELIVERY_PURGE_URLS)} if DELIVERY_PURGE_BACKEND == "http" else {}),
    **env_json("FRONTEND_CACHE_BACKENDS", {}),
}
# Full-page cache of anonymous HTML, kept until the next content change (cms/delivery/page_cache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 600, minimum=1)
PAGE_CACHE_EXCLUDED_PATHS = env_list("PAGE_CACHE_EXCLUDED_PATHS", [
    "/admin/", "/django-admin/", "/accounts/", "/sso/", "/portal/", "/api/", "/healthz", "/readyz",
    "/documents/", "/media/", "/static/",
])
PAGE_CACHE_QUERY_PARAMS = env_list("PAGE_CACHE_QUERY_PARAMS", ["department", "topic", "year", "status", "sort", "page"])
# Rate limiting, per client address, shared through the cache (0 = off)
DELIVERY_RATE_LIMIT = env_int("DELIVERY_RATE_LIMIT", 300, minimum=0)
DELIVERY_RATE_WINDOW = env_int("DELIVERY_RATE_WINDOW", 60, minimum=1)
# Draft preview for external front ends
DELIVERY_PREVIEW_TTL = env_int("DELIVERY_PREVIEW_TTL", 900, minimum=10)
DELIVERY_PREVIEW_FRONTEND_URL = env_str("DELIVERY_PREVIEW_FRONTEND_URL", "")
# Webhooks
DELIVERY_WEBHOOK_TIMEOUT = env_int("DELIVERY_WEBHOOK_TIMEOUT", 10, minimum=1)
DELIVERY_WEBHOOK_MAX_ATTEMPTS = env_int("DELIVERY_WEBHOOK_MAX_ATTEMPTS", 12, minimum=1)
DELIVERY_WEBHOOK_BACKOFF_BASE = env_int("DELIVERY_WEBHOOK_BACKOFF_BASE", 30, minimum=1)
DELIVERY_WEBHOOK_BACKOFF_MAX = env_int("DELIVERY_WEBHOOK_BACKOFF_MAX", 6 * 3600, minimum=1)

# --- search ----------------------------------------------------------------------------------------
# (ELASTICSEARCH_URL is read above, with the background processes.)
# auto (ask the server), elasticsearch or opensearch: which client library talks to it.
SEARCH_ENGINE_CLIENT = env_choice("SEARCH_ENGINE_CLIENT", "auto", {"auto", "elasticsearch", "opensearch"})
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "gov")
SEARCH_SHARDS = env_int("SEARCH_SHARDS", 1, minimum=1)
SEARCH_REPLICAS = env_int("SEARCH_REPLICAS", 0, minimum=0)
SEARCH_TIMEOUT = env_int("SEARCH_TIMEOUT", 5, minimum=1)
SEARCH_BULK_CHUNK = env_int("SEARCH_BULK_CHUNK", 500, minimum=1)
# bigram, jieba or both: see README (search) for the measurement behind the default.
SEARCH_QUERY_MODE = env_choice("SEARCH_QUERY_MODE", "both", {"bigram", "jieba", "both"})
SEARCH_DEFAULT_PAGE_SIZE = 10
SEARCH_LOG_QUERIES = True  # analytics; benchmarks switch it off
SEARCH_MAX_PAGE_SIZE = env_int("SEARCH_MAX_PAGE_SIZE", 50, minimum=1)
# refresh after each outbox drain: false in production (near real time, ~1 s), true in tests
SEARCH_REFRESH = env_bool("SEARCH_REFRESH", False)
# hot path at scale (search/engine/query.py): totals exact up to this bound; facets of page 1
# reused by the following pages of the same query for this long
SEARCH_TRACK_TOTAL_HITS = env_int("SEARCH_TRACK_TOTAL_HITS", 10000, minimum=1)
SEARCH_FACET_CACHE_SECONDS = env_int("SEARCH_FACET_CACHE_SECONDS", 120, minimum=1)
# analytics (search/analytics.py): per-client de-duplication and rate, buffered bulk writes
SEARCH_ANALYTICS_DEDUP_SECONDS = env_int("SEARCH_ANALYTICS_DEDUP_SECONDS", 600, minimum=1)
SEARCH_ANALYTICS_PER_CLIENT = env_int("SEARCH_ANALYTICS_PER_CLIENT", 30, minimum=1)
SEARCH_ANALYTICS_WINDOW_SECONDS = env_int("SEARCH_ANALYTICS_WINDOW_SECONDS", 3600, minimum=1)
SEARCH_ANALYTICS_BATCH = env_int("SEARCH_ANALYTICS_BATCH", 50, minimum=1)
SEARCH_ANALYTICS_FLUSH_SECONDS = env_int("SEARCH_ANALYTICS_FLUSH_SECONDS", 30, minimum=1)

# --- sso: SAML single sign-on (contract §3) --------------------------------------------------------
# The identity provider from the environment (more can be added in the admin). The *_FILE
# variables here are paths read by the SAML code, not secrets inlined through <NAME>_FILE.
SSO_IDP_METADATA_URL = env_str("SAML_IDP_METADATA_URL", "")
SSO_IDP_METADATA_FILE = os.environ.get("SAML_IDP_METADATA_FILE", "")
SSO_IDP_ENTITY_ID = env_str("SAML_IDP_ENTITY_ID", "")  # only when the metadata lists several
SSO_ENV_IDP_SLUG = env_str("SAML_IDP_SLUG", "gov")
SSO_ENV_IDP_NAME = env_str("SAML_IDP_NAME", "统一身份认证")
SSO_IDP_WANT_MESSAGES_SIGNED = env_bool("SAML_IDP_WANT_MESSAGES_SIGNED", True)
SSO_IDP_ALLOW_IDP_INITIATED = env_bool("SAML_IDP_ALLOW_IDP_INITIATED", False)
# IdP attribute name -> claim; None means sso.mapping.DEFAULT_ATTRIBUTE_MAP. Validated when the sso
# app starts (sso.mapping.configured_attribute_map), so a bad map stops start-up with one line.
SSO_ATTRIBUTE_MAP = env_json("SAML_ATTRIBUTE_MAP", None)
# This service provider
SSO_SP_ENTITY_ID = env_str("SAML_SP_ENTITY_ID", "")  # empty: <BASE_URL>/sso/saml/metadata/
SSO_SP_CERT_FILE = os.environ.get("SAML_SP_CERT_FILE", "")
SSO_SP_KEY_FILE = os.environ.get("SAML_SP_KEY_FILE", "")
SSO_METADATA_CACHE_SECONDS = env_int("SAML_METADATA_CACHE_SECONDS", 3600, minimum=0)
SSO_METADATA_TIMEOUT_SECONDS = env_int("SAML_METADATA_TIMEOUT_SECONDS", 10, minimum=1)
# Login policy and sessions (production.py turns local log-in off by default)
SSO_ALLOW_LOCAL_LOGIN = env_bool("SSO_ALLOW_LOCAL_LOGIN", True)
SSO_EDITORS_LAND_ON_ADMIN = env_bool("SSO_EDITORS_LAND_ON_ADMIN", True)
SSO_SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60, minimum=60)
SSO_SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 8 * 60 * 60, minimum=60)
SESSION_COOKIE_AGE = SSO_SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_NAME = env_str("SESSION_COOKIE_NAME", "gov_sessionid")
SSO_REPLAY_CACHE = "default"
# The demo SAML IdP (sso/demo_idp, `manage.py sso_demo_idp`): empty = none; dev.py turns it on for
# ./run. It refuses to run, and setup_demo refuses to register it, when IS_PRODUCTION.
SSO_DEMO_IDP_URL = env_str("SSO_DEMO_IDP_URL", "").rstrip("/")
SSO_DEMO_IDP_KEY_DIR = VAR_DIR / "demo-idp"
# django-allauth: the SSO adapters are the override points
SOCIALACCOUNT_ADAPTER = "sso.adapter.SocialAccountAdapter"
ACCOUNT_ADAPTER = "sso.adapter.AccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never join accounts by e-mail
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False

# --- portal: the officials' home -------------------------------------------------------------------
# Back-office systems by name: base URL (the only origin a widget of that back end may call, and
# the JWT audience). Production: {"oa": "https://oa.example.gov.cn", ...}.
_demo_backends = f"http://127.0.0.1:{PORTAL_DEMO_BACKENDS_PORT}"
PORTAL_BACKENDS = env_url_map("PORTAL_BACKENDS", {
    "oa": f"{_demo_backends}/oa",
    "complaints": f"{_demo_backends}/12315",
    "cases": f"{_demo_backends}/cases",
    "meetings": f"{_demo_backends}/meetings",
})
# Identity for back ends: HS256 with PORTAL_JWT_SECRET (empty: derived from SECRET_KEY), or RS256
# when PORTAL_JWT_PRIVATE_KEY_FILE names a PEM key (back ends get the public key).
PORTAL_JWT_SECRET = env_str("PORTAL_JWT_SECRET", "")
PORTAL_JWT_PRIVATE_KEY_FILE = env_str("PORTAL_JWT_PRIVATE_KEY_FILE", "")
PORTAL_JWT_PUBLIC_KEY_FILE = env_str("PORTAL_JWT_PUBLIC_KEY_FILE", "")
PORTAL_JWT_ISSUER = env_str("PORTAL_JWT_ISSUER", "gov-portal")
PORTAL_JWT_TTL_SECONDS = env_int("PORTAL_JWT_TTL_SECONDS", 60, minimum=5)
# Fetching: default per-widget timeout, worker threads, breaker thresholds, cache windows.
PORTAL_WIDGET_TIMEOUT = env_float("PORTAL_WIDGET_TIMEOUT", 3.0)
# Widget fetches in flight per process: at least (requests served at once) × (remote widgets per
# home), or homes queue behind each other's fetches (10 officials × 13 widgets on 2 processes = 65)
PORTAL_MAX_WORKERS = env_int("PORTAL_MAX_WORKERS", 128, minimum=1)
PORTAL_BREAKER_FAIL_MAX = env_int("PORTAL_BREAKER_FAIL_MAX", 5, minimum=1)
PORTAL_BREAKER_RESET_SECONDS = env_float("PORTAL_BREAKER_RESET_SECONDS", 30.0)
PORTAL_CACHE_TTL = env_int("PORTAL_CACHE_TTL", 60, minimum=0)
PORTAL_SWR_SECONDS = env_int("PORTAL_SWR_SECONDS", 300, minimum=0)
PORTAL_STALE_TTL = env_int("PORTAL_STALE_TTL", 86400, minimum=0)
PORTAL_CACHE_ALIAS = env_str("PORTAL_CACHE_ALIAS", "default")

# --- oversight: message centre, efficiency monitoring, statistics ----------------------------------
# SMS goes through a pluggable backend (dotted path); the default writes each message to the log.
NOTIFICATIONS_SMS_BACKEND = env_str("NOTIFICATIONS_SMS_BACKEND", "notifications.sms.ConsoleSmsBackend")
NOTIFICATIONS_SMS_SIGNATURE = env_str("NOTIFICATIONS_SMS_SIGNATURE", "【明川市政府】")
NOTIFICATIONS_SMS_MAX_LENGTH = env_int("NOTIFICATIONS_SMS_MAX_LENGTH", 300, minimum=20)
NOTIFICATIONS_SUBJECT_PREFIX = env_str("NOTIFICATIONS_SUBJECT_PREFIX", "[明川政务平台] ")
# E-mail/SMS deliveries: tries, and the backoff between them (doubling from BASE up to MAX seconds).
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 5, minimum=1)
NOTIFICATIONS_BACKOFF_BASE = env_int("NOTIFICATIONS_BACKOFF_BASE", 60, minimum=1)
NOTIFICATIONS_BACKOFF_MAX = env_int("NOTIFICATIONS_BACKOFF_MAX", 3600, minimum=1)
NOTIFICATIONS_EXPIRY_WARNING_DAYS = env_int("NOTIFICATIONS_EXPIRY_WARNING_DAYS", 7, minimum=1)
# Efficiency monitoring: a yellow card at this share of a time limit; a workflow step without a
# matching TimeLimit gets this many working days (0: no clock); groups that see every department.
OVERSIGHT_WARN_PERCENT = env_int("OVERSIGHT_WARN_PERCENT", 80, minimum=1)
OVERSIGHT_DEFAULT_STEP_DAYS = env_int("OVERSIGHT_DEFAULT_STEP_DAYS", 3, minimum=0)
OVERSIGHT_INSPECTOR_GROUPS = env_list("OVERSIGHT_INSPECTOR_GROUPS", ["监察"])
OVERSIGHT_CITY_LEADER_GROUPS = env_list("OVERSIGHT_CITY_LEADER_GROUPS", ["市领导"])
# Page views counted by the platform (daily counters per path, no personal data).
OVERSIGHT_COUNT_PAGE_VIEWS = env_bool("OVERSIGHT_COUNT_PAGE_VIEWS", True)
# Views are summed in each process and written in one transaction every BATCH views or FLUSH seconds.
OVERSIGHT_PAGE_VIEW_BATCH = env_int("OVERSIGHT_PAGE_VIEW_BATCH", 200, minimum=1)
OVERSIGHT_PAGE_VIEW_FLUSH_SECONDS = env_int("OVERSIGHT_PAGE_VIEW_FLUSH_SECONDS", 30, minimum=1)
# Statistics reports are kept this long in the shared cache (0: always recomputed).
OVERSIGHT_STATS_CACHE_SECONDS = env_int("OVERSIGHT_STATS_CACHE_SECONDS", 300, minimum=0)
OVERSIGHT_PAGE_VIEW_EXCLUDED_PREFIXES = ["/admin/", "/portal/", "/api/", "/static/", "/media/", "/documents/",
                                         "/accounts/", "/sso/", "/theme/", "/feeds/", "/healthz", "/readyz",
                                         "/sitemap.xml", "/favicon.ico", "/robots.txt"]

# --- interaction: citizens' enquiries and 好差评 ---------------------------------------------------
# Citizens' enquiries, complaints, suggestions and requests for help; 好差评 ratings (README).
# working-day limits per kind (a department's own TimeLimit snippet wins)
INTERACTION_TIME_LIMITS = {"consultation": 5, "complaint": 15, "suggestion": 15, "help": 5, "rectification": 10}
INTERACTION_TIME_LIMITS.update(env_json("INTERACTION_TIME_LIMITS", {}) or {})
INTERACTION_NEAR_DEADLINE_DAYS = env_int("INTERACTION_NEAR_DEADLINE_DAYS", 1, minimum=0)
# the department that dispatches items sent to "don't know" (slug)
INTERACTION_DISPATCH_DEPARTMENT = env_str("INTERACTION_DISPATCH_DEPARTMENT", "zfb")
# attachments: outside MEDIA_ROOT, served only to the handling department
INTERACTION_PRIVATE_ROOT = Path(env_str("INTERACTION_PRIVATE_ROOT", str(VAR_DIR / "private")))
INTERACTION_ATTACHMENT_MAX_MB = env_int("INTERACTION_ATTACHMENT_MAX_MB", 5, minimum=1)
INTERACTION_ATTACHMENT_MAX_COUNT = env_int("INTERACTION_ATTACHMENT_MAX_COUNT", 3, minimum=0)
INTERACTION_IMAGE_MAX_PIXELS = env_int("INTERACTION_IMAGE_MAX_PIXELS", 40_000_000, minimum=1)
# "count/seconds" per client address
# personal data of items closed longer ago than this is removed by `manage.py purge_interactions`
INTERACTION_RETENTION_DAYS = env_int("INTERACTION_RETENTION_DAYS", 3 * 365, minimum=1)
INTERACTION_RATE_LIMITS = {
    "submit": env_str("INTERACTION_SUBMIT_RATE", "5/3600"),
    "track": env_str("INTERACTION_TRACK_RATE", "30/600"),
    "rate": env_str("INTERACTION_RATING_RATE", "30/3600"),
}

# --- themes: the public sites ----------------------------------------------------------------------
# Folders holding extra theme folders (each with a theme.json), beside the themes app's own.
THEMES_DIRS = env_list("THEMES_DIRS", [])
THEMES_DEFAULT = env_str("THEMES_DEFAULT", "city")
WAGTAILIMAGES_IMAGE_FORM_BASE = "themes.forms.AltTextRequiredImageForm"  # alt text required


def finalize_logging(settings: dict) -> None:
    """Switch the console handler to the chosen format once every module has set LOG_FORMAT."""
    settings["LOGGING"]["handlers"]["console"]["formatter"] = settings["LOG_FORMAT"]


finalize_logging(globals())

# --- prod-run (application server, SQLite under concurrency, operations) ---
# SQLite is the embedded default, and ./run puts several processes on one file (web workers, the
# task worker, the periodic worker, a management command). Every write transaction begins
# IMMEDIATE, so a writer waits for the lock up front (busy timeout) instead of failing with
# "database is locked" when a read turns into a write; WAL lets readers go on meanwhile, and
# synchronous=NORMAL is the safe setting for WAL (durable at checkpoints, never corrupt).
SQLITE_BUSY_TIMEOUT = env_int("SQLITE_BUSY_TIMEOUT", 60, minimum=1)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Uploaded media served by the application itself (the embedded default has no web server in
# front); production leaves this off and lets nginx serve MEDIA_ROOT (deploy/nginx/).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# Operations app: scheduler leadership and backups.
INSTALLED_APPS.append("ops")
OPS_LEADER_LEASE_SECONDS = env_int("OPS_LEADER_LEASE_SECONDS", 30, minimum=5)
# import_content on SQLite commits every N records (after validating the whole file), so that an
# import never holds the database's one write lock for long; 0 = one transaction. PostgreSQL
# always uses one transaction (its writers do not block each other).
CMS_IMPORT_BATCH = env_int("CMS_IMPORT_BATCH", 20, minimum=0)
# Folders of uploaded files that backup_site copies and restore_site puts back: folder name in the
# backup -> the setting that holds the path (settings not defined are skipped).
OPS_BACKUP_FILE_ROOTS = {"media": "MEDIA_ROOT", "private": "INTERACTION_PRIVATE_ROOT"}
