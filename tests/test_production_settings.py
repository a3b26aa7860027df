"""Production refuses unsafe configuration and says why in one line; logs are JSON lines."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD_KEY = "k3y-for-tests-0123456789abcdefghijklmnopqrstuvwxyz"


def run_with(env_overrides: dict, code: str = "import django; django.setup(); print('started')"):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_safe_configuration_starts():
    result = run_with({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "www.example.gov.cn"})
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x.gov.cn", "DEBUG": "true"}, "DEBUG"),
        ({"ALLOWED_HOSTS": "x.gov.cn"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "x.gov.cn"}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-embedded-default-change-me", "ALLOWED_HOSTS": "x.gov.cn"}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x.gov.cn", "DEBUG": "maybe"}, "DEBUG"),
    ],
)
def test_unsafe_configuration_is_refused_with_a_one_line_reason(overrides, reason):
    result = run_with(overrides)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert reason in last_line


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(GOOD_KEY + "\n")
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    result = run_with({"SECRET_KEY_FILE": str(secret), "ALLOWED_HOSTS": "x.gov.cn"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == GOOD_KEY


def test_production_logs_one_json_object_per_line_with_request_id():
    code = (
        "import django, logging; django.setup();"
        "from config.request_id import current_request_id; current_request_id.set('req-abcdef123');"
        "logging.getLogger('gov.test').warning('办事指南 published')"
    )
    result = run_with({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x.gov.cn"}, code)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["message"] == "办事指南 published"
    assert record["request_id"] == "req-abcdef123"
    assert record["level"] == "WARNING"
