"""A whole installation of the platform in a temporary folder, run as real processes: its own
database (a SQLite file, or a fresh PostgreSQL database when the test run has PostgreSQL), media,
cache prefix and search index prefix; ``manage.py`` commands as subprocesses; the supervisor of
``./run`` (gunicorn + sidecars) on free ports. Used by the tests of concurrency, leadership and
backup/restore, which must see what a deployment sees, not what Django's test client sees.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from tests.services.base import free_port, stop_process_group, wait_until

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-installation-secret-0123456789abcdefghijklmnop"
# What the test run's own environment says about services; the rest is the installation's own.
DROPPED = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "VAR_DIR", "MEDIA_ROOT", "STATIC_ROOT",
           "ELASTICSEARCH_URL", "SEARCH_INDEX_PREFIX", "CACHE_KEY_PREFIX", "RUN_ADDRESS", "BASE_URL",
           "PORTAL_DEMO_BACKENDS_PORT", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}


def postgres_server_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _postgres_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(postgres_server_url(), "postgres"), autocommit=True) as conn:
        conn.execute(sql)


class Installation:
    """One site. ``kind`` is ``sqlite`` or ``postgres``; ``name`` keeps databases, cache keys and
    search indexes of different installations apart."""

    def __init__(self, root: Path, *, static_root: Path, kind: str | None = None, name: str | None = None):
        self.root = root
        self.name = name or f"inst_{uuid.uuid4().hex[:10]}"
        self.kind = kind or ("postgres" if postgres_server_url() else "sqlite")
        self.var = root / "var"
        self.var.mkdir(parents=True, exist_ok=True)
        self.static_root = static_root
        self.port = free_port()
        self.demo_port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log_path = root / "run.log"
        self.settings_module = "config.settings.embedded"
        if self.kind == "postgres":
            self.database_url = _with_database(postgres_server_url(), self.name)
        else:
            self.database_url = f"sqlite:///{self.var / 'db.sqlite3'}"

    # --- environment and commands --------------------------------------------------------------
    @property
    def searches_elasticsearch(self) -> bool:
        """With the services (PostgreSQL) the run's search node, else the database fallback."""
        return self.kind == "postgres" and bool(os.environ.get("ELASTICSEARCH_URL"))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED}
        env.update({
            "DJANGO_SETTINGS_MODULE": self.settings_module, "VAR_DIR": str(self.var),
            "DATABASE_URL": self.database_url, "STATIC_ROOT": str(self.static_root), "SECRET_KEY": SECRET,
            "RUN_ADDRESS": f"127.0.0.1:{self.port}", "BASE_URL": self.base_url,
            "PORTAL_DEMO_BACKENDS_PORT": str(self.demo_port), "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CACHE_KEY_PREFIX": self.name, "SEARCH_INDEX_PREFIX": self.name.replace("_", "-"),
            "WEB_ACCESS_LOG": "", "PYTHONUNBUFFERED": "1",
            # No demo IdP: these installations test editors' local sign-in, and several run at
            # once (the demo IdP would listen on the same port in each).
            "SSO_DEMO_IDP_URL": "",
        })
        if self.kind == "postgres" and os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        if self.searches_elasticsearch:
            env["ELASTICSEARCH_URL"] = os.environ["ELASTICSEARCH_URL"]
            env["SEARCH_REFRESH"] = "true"
        env.update(extra)
        return env

    def manage(self, *args: str, timeout: float = 600, check: bool = True, **extra_env: str) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(**extra_env),
                                capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                                 f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
        return result

    def query(self, code: str) -> object:
        """Run Python in the installation (``manage.py shell``); ``code`` sets ``result``,
        which comes back through JSON."""
        program = code + "\nimport json as _j; print('@@RESULT@@' + _j.dumps(result, default=str))"
        out = self.manage("shell", "-c", program).stdout
        return json.loads(out.rsplit("@@RESULT@@", 1)[1])

    # --- life cycle ------------------------------------------------------------------------------
    def create_database(self) -> None:
        if self.kind == "postgres":
            _postgres_execute(f'CREATE DATABASE "{self.name}"')

    def build(self) -> None:
        """An installation as ``./run`` leaves it: migrated, static files collected, demo loaded."""
        self.create_database()
        self.manage("migrate", "--noinput", "-v", "0")
        if not (self.static_root / "staticfiles.json").exists():
            self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("setup_demo")

    def add_editors(self, count: int, password: str) -> None:
        """``editor0`` … in the demo department's editor group, beside the demo reviewer and publisher."""
        self.query(
            "from django.contrib.auth.models import Group, User\n"
            "from cms.models import Department\n"
            "from cms.permissions import group_name\n"
            "group = Group.objects.get(name=group_name(Department.objects.get(slug='scjgj'), 'editor'))\n"
            f"for n in range({count}):\n"
            f"    user = User.objects.create_user(f'editor{{n}}', f'editor{{n}}@example.gov.cn', {password!r})\n"
            "    user.groups.add(group)\n"
            "result = User.objects.count()"
        )

    def clone(self, root: Path) -> Installation:
        """A copy of this (stopped) installation: database and media."""
        other = Installation(root, static_root=self.static_root, kind=self.kind)
        if self.kind == "postgres":
            _postgres_execute(f'CREATE DATABASE "{other.name}" TEMPLATE "{self.name}"')
        else:
            src = sqlite3.connect(self.var / "db.sqlite3")
            dst = sqlite3.connect(other.var / "db.sqlite3")
            src.backup(dst)
            src.close()
            dst.close()
        for path in self.var.iterdir():  # media, private attachments, the secret key
            if path.is_dir():
                shutil.copytree(path, other.var / path.name)
            elif path.name == "secret_key":
                shutil.copy2(path, other.var / path.name)
        return other

    def start(self, timeout: float = 180) -> None:
        """The supervisor of ./run: gunicorn plus the sidecars, until /healthz answers."""
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "config.embedded"], cwd=ROOT, env=self.env(),
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(lambda: httpx.get(f"{self.base_url}/healthz", timeout=2).status_code == 200,
                   what=f"installation {self.name}", timeout=timeout, log=self.log_path)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc, timeout=20)
            self.proc = None
            time.sleep(0.2)

    def drop(self) -> None:
        self.stop()
        if self.kind == "postgres":
            _postgres_execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        if self.searches_elasticsearch:  # its indexes, so the run's node does not fill up
            node = os.environ["ELASTICSEARCH_URL"].split(",")[0].rstrip("/")
            found = httpx.get(f"{node}/{self.env()['SEARCH_INDEX_PREFIX']}-*", timeout=30,
                              params={"ignore_unavailable": "true", "allow_no_indices": "true"}).json()
            if found:  # by name: Elasticsearch 8 refuses to delete by wildcard
                httpx.delete(f"{node}/{','.join(found)}", timeout=30).raise_for_status()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class AdminSession:
    """A person in the Wagtail admin over HTTP: logs in through the form, posts with the CSRF
    token like a browser."""

    def __init__(self, base_url: str):
        self.client = httpx.Client(base_url=base_url, follow_redirects=False, timeout=120)

    def login(self, username: str, password: str) -> None:
        self.client.get("/admin/login/")
        response = self.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
        assert response.status_code == 302, f"login of {username}: {response.status_code}"

    def post(self, url: str, data: dict) -> httpx.Response:
        token = self.client.cookies.get("csrftoken", "")
        return self.client.post(url, data={**data, "csrfmiddlewaretoken": token})

    def get(self, url: str) -> httpx.Response:
        return self.client.get(url)

    def workflow_action_url(self, page_id: int, action: str = "approve") -> str | None:
        """The URL the editor's "approve with comment" dialog posts to, read from the edit page
        as the browser reads it (the current task state id is in the dialog's URL)."""
        html = self.get(f"/admin/pages/{page_id}/edit/").text
        match = re.search(rf"/admin/pages/workflow/collect_action_data/{page_id}/{action}/(\d+)/", html)
        return f"/admin/pages/workflow/action/{page_id}/{action}/{match.group(1)}/" if match else None

    def close(self) -> None:
        self.client.close()
