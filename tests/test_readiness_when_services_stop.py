"""``/readyz`` answers 503 naming the component when the real database or cache is stopped.

A server process runs against its own throwaway PostgreSQL and Redis, which the test then stops.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import require_service
from tests.services.base import free_port, stop_process_group, wait_until
from tests.services.postgres import PostgresInstance
from tests.services.redis import RedisInstance

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def services_for_one_server(tmp_path):
    require_service("DATABASE_URL", "PostgreSQL")
    require_service("REDIS_URL", "Redis")
    root = Path(os.environ.get("TEST_WORKDIR", tmp_path)) / f"readyz-{time.monotonic_ns()}"
    postgres, redis = PostgresInstance(root / "pg"), RedisInstance(root / "redis")
    database_url, redis_url = postgres.start(), redis.start()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    log = open(tmp_path / "server.log", "wb")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until(lambda: httpx.get(f"{base}/healthz").status_code == 200, what="app server", timeout=60, log=tmp_path / "server.log")
    yield base, postgres, redis
    stop_process_group(server)
    postgres.stop()
    redis.stop()


def test_readyz_names_the_database_then_the_cache_when_they_stop(services_for_one_server):
    base, postgres, redis = services_for_one_server
    assert httpx.get(f"{base}/readyz").status_code == 200

    postgres.stop()
    response = httpx.get(f"{base}/readyz", timeout=30)
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]
    assert httpx.get(f"{base}/healthz").status_code == 200  # the process still serves

    redis.stop()
    response = httpx.get(f"{base}/readyz", timeout=30)
    assert response.status_code == 503
    assert response.json()["down"] == ["database", "cache"]
    assert response.headers["Content-Type"] == "application/json"
