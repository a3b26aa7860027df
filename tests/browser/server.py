"""A real site server for the browser journeys: its own database (a copy of the run's migrated
template on PostgreSQL, else a SQLite file; see tests/databases.py), with every app's demo data, static
files collected, served by ``manage.py runserver`` on a free port, stopped (process group) after.

A separate process rather than pytest-django's ``live_server``: the journeys need the demo data
for the whole session, and live_server's transactional tests would flush it after each test."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.databases import fresh_database_url
from tests.services.base import free_port, stop_process_group, wait_until

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class SiteServer:
    workdir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None
    env: dict = field(default_factory=dict)
    extra_env: dict = field(default_factory=dict)
    demo_output: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url_for(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def manage(self, *args: str, timeout: float = 600) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self) -> "SiteServer":
        self.workdir.mkdir(parents=True, exist_ok=True)
        database_url, migrated = fresh_database_url(self.workdir, "e2e")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(self.workdir),
            "BASE_URL": self.url,
            "RUN_ADDRESS": f"127.0.0.1:{self.port}",
            "PYTHONUNBUFFERED": "1",
            # Its own search index: the suite's other tests index pages with other hosts, whose
            # URLs would otherwise come back as this site's results.
            "SEARCH_INDEX_PREFIX": f"browser-{self.port}",
            # Its own keys in the run's Redis: the in-process tests post from 127.0.0.1 too, and
            # their rate-limit counters (interaction.abuse) must not count against this server.
            "CACHE_KEY_PREFIX": f"browser-{self.port}",
            **self.extra_env,
        }
        if not migrated:
            self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.demo_output = self.manage("setup_demo")
        log = self.workdir / "server.log"
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT, env=self.env, stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_until(lambda: _answers(f"{self.url}/healthz"), what="site server", timeout=60, log=log)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc)
            self.proc = None

    def log_tail(self, lines: int = 40) -> str:
        log = self.workdir / "server.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


def _answers(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status == 200


def wait_for(predicate, timeout: float = 10, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
