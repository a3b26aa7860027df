"""The embedded default: one machine, zero services (SQLite, database search, local-memory cache)."""
from config.env import env_bool

from .base import *  # noqa: F401,F403
from .base import finalize_logging

DEBUG = env_bool("DEBUG", True)
finalize_logging(globals())
