"""Settings for the test command: the services come from the environment set by tests/services."""
from config.env import env_str

from .base import *  # noqa: F401,F403
from .base import finalize_logging

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# Test receivers and demo back ends listen on loopback; tests of the block itself set it to [].
OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# Databases built once per run by tests/services/runner.py (see tests/databases.py): on PostgreSQL
# the test database is a copy of a migrated template; on SQLite it is a copy of a migrated file,
# which the runner puts at TEST_SQLITE_NAME before pytest starts (with --reuse-db).
if env_str("TEST_DATABASE_TEMPLATE") and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["TEST"] = {"TEMPLATE": env_str("TEST_DATABASE_TEMPLATE")}  # noqa: F405
if env_str("TEST_SQLITE_NAME") and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_SQLITE_NAME")}  # noqa: F405

finalize_logging(globals())

# --- page-speed: the full-page cache is tested on purpose (tests/delivery/test_page_cache.py);
# elsewhere tests change pages without publishing and expect to see it at once.
PAGE_CACHE_ENABLED = False
# One test process: memory is enough without Redis (base.py shares files between processes).
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gov"}}
