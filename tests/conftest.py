"""Shared test set-up. Services come from the environment set by ``./test``
(tests/services/runner.py); ``require_service`` fails in CI and skips loudly elsewhere."""
from __future__ import annotations

import os
import sys

import pytest

# Fixtures every test package may use, without importing another package's conftest.
pytest_plugins = ["tests.fixtures.content"]


def require_service(env_var: str, what: str) -> str:
    """Return the service address from ``env_var``; in CI a missing service is a failure."""
    value = os.environ.get(env_var, "")
    if value:
        return value
    message = f"{what} is not running ({env_var} is unset): run the tests through ./test"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI requires {message}", pytrace=False)
    print(f"\n!!! SKIPPED: {message}", file=sys.stderr)
    pytest.skip(f"!!! {message}")
    return ""


@pytest.fixture
def configuration() -> str:
    """``services`` (PostgreSQL, Redis, ...) or ``embedded`` (SQLite, local memory)."""
    return os.environ.get("TEST_CONFIGURATION", "embedded")
