"""The embedded settings with SQLite as it was configured before issue 12 (deferred transactions,
a 20 s timeout): the baseline of bench/sqlite_concurrency.py. Never used outside the benchmark."""
from config.settings.embedded import *  # noqa: F401,F403
from config.settings.embedded import DATABASES

DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
