"""Settings for the test command: the services come from the environment set by tests/services."""
import os
import shutil
from urllib.parse import urlsplit, urlunsplit

from config.env import env_str

# ./test runs pytest in parallel workers (pytest-xdist; PYTEST_XDIST_WORKER is gw0, gw1, ...).
# Each worker gets what two processes must not share: its own Redis database (a test's
# cache.clear() is a FLUSHDB), VAR_DIR (files, the embedded cache) and search index prefix. They
# are set in the environment, before the base settings read it, so that the servers and commands
# a test starts inherit them too (and do not apply it again: they set their own VAR_DIR or
# prefix on purpose). The test database gets its _gwN suffix from pytest-django.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if WORKER and os.environ.get("TEST_WORKER_ISOLATED") != WORKER:
    os.environ["TEST_WORKER_ISOLATED"] = WORKER
    _number = int(WORKER.removeprefix("gw") or 0)
    if os.environ.get("REDIS_URL"):
        _redis = urlsplit(os.environ["REDIS_URL"])
        os.environ["REDIS_URL"] = urlunsplit(_redis._replace(path=f"/{_number + 1}"))
    if os.environ.get("VAR_DIR"):
        os.environ["VAR_DIR"] = f"{os.environ['VAR_DIR']}-{WORKER}"
    os.environ["SEARCH_INDEX_PREFIX"] = f"{os.environ.get('SEARCH_INDEX_PREFIX', 'gov')}-{WORKER}"

from .base import *  # noqa: E402,F401,F403
from .base import finalize_logging  # noqa: E402

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
    # pytest-django names a worker's database <NAME>_gwN: give it its own copy of the migrated file.
    if WORKER and not os.path.exists(f"{env_str('TEST_SQLITE_NAME')}_{WORKER}"):
        shutil.copyfile(env_str("TEST_SQLITE_NAME"), f"{env_str('TEST_SQLITE_NAME')}_{WORKER}")

finalize_logging(globals())

# --- page-speed: the full-page cache is tested on purpose (tests/delivery/test_page_cache.py);
# elsewhere tests change pages without publishing and expect to see it at once.
PAGE_CACHE_ENABLED = False
# One test process: memory is enough without Redis (base.py shares files between processes).
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gov"}}
