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
# Test receivers and demo back ends listen on loopback; tests of the block itself set it to [].
OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
finalize_logging(globals())
