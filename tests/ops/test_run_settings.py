"""How ``./run`` and the servers load their settings: never the dev settings by accident, the
embedded settings production-like, SQLite set for concurrency, the demo loader kept out of
production."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from tests.ops.installation import ROOT

pytestmark = pytest.mark.embedded
GOOD_KEY = "k3y-for-tests-0123456789abcdefghijklmnopqrstuvwxyz"


def python(code: str, tmp_path, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "VAR_DIR"}}
    env.update({"VAR_DIR": str(tmp_path / "var"), **env_overrides})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_a_server_without_settings_module_gets_production_which_refuses_the_dev_key(module, tmp_path):
    result = python(f"import {module}", tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SETTINGS_MODULE is not set: using config.settings.production" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("django.core.exceptions.ImproperlyConfigured:")
    assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_a_configured_production_server_loads_without_debug(tmp_path):
    code = "import config.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    result = python(code, tmp_path, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="www.example.gov.cn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.settings.production", "False"]


def test_embedded_settings_serve_like_production_with_a_key_of_their_own(tmp_path):
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.DEBUG, s.SECRET_KEY, s.STORAGES['staticfiles']['BACKEND'], s.SERVE_MEDIA]))")
    first = python(code, tmp_path, DJANGO_SETTINGS_MODULE="config.settings.embedded")
    second = python(code, tmp_path, DJANGO_SETTINGS_MODULE="config.settings.embedded")
    assert first.returncode == 0, first.stderr
    debug, key, storage, serve_media = json.loads(first.stdout)
    assert debug is False and serve_media is True
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert len(key) >= 50 and not key.startswith("django-insecure")
    assert json.loads(second.stdout)[1] == key  # kept in VAR_DIR: sessions survive a restart
    assert oct((tmp_path / "var" / "secret_key").stat().st_mode)[-3:] == "600"


@pytest.mark.parametrize("module", ["config.settings.embedded", "config.settings.dev"])
def test_run_starts_the_demo_identity_provider_and_signs_its_requests(module, tmp_path):
    """./run and ./run --debug: the demo IdP is a supervised sidecar, the site signs AuthnRequests
    with a demo key pair; SSO_DEMO_IDP_URL="" turns it off."""
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.SSO_DEMO_IDP_URL, s.EMBEDDED_SIDECARS, s.SSO_SP_CERT_FILE]))")
    on = python(code, tmp_path, DJANGO_SETTINGS_MODULE=module)
    assert on.returncode == 0, on.stderr
    url, sidecars, cert = json.loads(on.stdout)
    assert url == "http://127.0.0.1:8002" and ["manage.py", "sso_demo_idp"] in sidecars
    assert ["manage.py", "run_periodic"] in sidecars and Path(cert).is_file()
    off = python(code, tmp_path, DJANGO_SETTINGS_MODULE=module, SSO_DEMO_IDP_URL="")
    url, sidecars, _ = json.loads(off.stdout)
    assert url == "" and ["manage.py", "sso_demo_idp"] not in sidecars


def test_sqlite_opens_with_wal_immediate_transactions_and_a_busy_timeout(tmp_path):
    code = ("import django; django.setup(); from django.db import connection; c = connection.cursor(); "
            "print(c.execute('PRAGMA journal_mode').fetchone()[0], c.execute('PRAGMA busy_timeout').fetchone()[0], "
            "connection.settings_dict['OPTIONS']['transaction_mode'])")
    result = python(code, tmp_path, DJANGO_SETTINGS_MODULE="config.settings.embedded",
                    DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "60000", "IMMEDIATE"]


def test_setup_demo_refuses_under_production_settings(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "setup_demo"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
                                              "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "x.gov.cn",
                                              "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert result.returncode != 0
    assert "--allow-production" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists() or (tmp_path / "db.sqlite3").stat().st_size == 0


@pytest.mark.django_db
def test_setup_demo_in_production_needs_the_flag_and_never_uses_the_readme_passwords(settings, capsys):
    settings.IS_PRODUCTION = True
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("setup_demo")
    call_command("setup_demo", allow_production=True)
    printed = capsys.readouterr().out
    for username, password in [("admin", "Mingchuan-admin-2026"), ("scj_editor", "Mingchuan-editor-2026"),
                               ("lina", "mingchuan-portal-2026")]:
        assert authenticate(username=username, password=password) is None
        assert password not in printed
        assert f"manage.py changepassword {username}" in printed


@pytest.mark.django_db
def test_error_pages_are_in_chinese(settings):
    from django.test import Client

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    strict = Client(enforce_csrf_checks=True)
    forbidden = strict.post("/admin/login/", {"username": "x", "password": "y"})
    assert forbidden.status_code == 403
    assert "表单已过期" in forbidden.content.decode()
    bad_host = Client().get("/", HTTP_HOST="evil.example")
    assert bad_host.status_code == 400
    assert "请求无法处理" in bad_host.content.decode()
    missing = Client().get("/no-such-page-anywhere/")
    assert missing.status_code == 404
    assert "页面不存在" in missing.content.decode()
