"""The embedded default: one machine, zero services (SQLite, database search, local-memory cache)."""
from config.env import env_bool

from .base import *  # noqa: F401,F403
from .base import finalize_logging

DEBUG = env_bool("DEBUG", True)
# A newcomer's terminal should show the server and the demo accounts, not one line per
# background task or page revision; production keeps these at INFO for the audit trail.
LOGGING["loggers"].update({"django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}, "cms.delivery.events": {"level": "WARNING"}})  # noqa: F405
finalize_logging(globals())
