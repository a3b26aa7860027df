"""Settings for the test command: the services come from the environment set by tests/services."""
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
finalize_logging(globals())

# --- page-speed: the full-page cache is tested on purpose (tests/delivery/test_page_cache.py);
# elsewhere tests change pages without publishing and expect to see it at once.
PAGE_CACHE_ENABLED = False
# One test process: memory is enough without Redis (base.py shares files between processes).
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gov"}}
