"""Two application processes behind Debian's nginx, sharing PostgreSQL, Redis and the search
cluster: the deployment the README's production section describes, on this machine.

Each process is a real gunicorn (``config.wsgi``, production settings) on its own port; nginx
balances between them round-robin and retries an idempotent request on the other process when
one dies (``proxy_next_upstream``), which is what a load balancer in front of N stateless
processes does. Everything lives under one temporary folder and is stopped by process group.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from tests.services.base import free_port, port_open, run_checked, stop_process_group, wait_until

ROOT = Path(__file__).resolve().parents[2]
SECRET = "scale-out-test-secret-0123456789abcdefghijklmnopqrstuvwxyz"
PASSWORD = "Scale-out-admin-2026"

NGINX_CONF = """
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream app {{
        server 127.0.0.1:{port_a} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{port_b} max_fails=1 fail_timeout=5s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # a process that dies mid-request: GET/HEAD are retried on the other one
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


class Cluster:
    """``start()`` prepares the database and starts everything; ``app_url(i)`` reaches process i
    directly, ``url`` goes through nginx."""

    def __init__(self, root: Path, *, database_url: str, redis_url: str, search_url: str, nginx: str,
                 purge_url: str, static_root: Path):
        self.root = root
        self.name = f"scaleout_{uuid.uuid4().hex[:8]}"
        self.database_url = ""
        self.server_url = database_url
        self.redis_url, self.search_url, self.nginx_bin = redis_url, search_url, nginx
        self.purge_url, self.static_root = purge_url, static_root
        self.port = free_port()
        self.app_ports = [free_port(), free_port()]
        self.apps: list[subprocess.Popen | None] = [None, None]
        self.nginx: subprocess.Popen | None = None
        self.dead_backend = f"http://127.0.0.1:{free_port()}"  # nothing listens there

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def app_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "ELASTICSEARCH_"))}
        env.update({
            "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "BASE_URL": self.url, "DEBUG": "false",
            "DATABASE_URL": self.database_url, "REDIS_URL": self.redis_url, "CACHE_KEY_PREFIX": self.name,
            "ELASTICSEARCH_URL": self.search_url, "SEARCH_INDEX_PREFIX": self.name.replace("_", "-"),
            "STATIC_ROOT": str(self.static_root), "VAR_DIR": str(self.root / "var"),
            "MEDIA_ROOT": str(self.root / "media"),
            # plain http on loopback: no TLS proxy in front of nginx here
            "SECURE_COOKIES": "false", "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0",
            "BEHIND_TLS_PROXY": "false",
            # background work right after each commit, in the process that made the change
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "DELIVERY_PURGE_BACKEND": "http", "DELIVERY_PURGE_URLS": self.purge_url,
            "PORTAL_BACKENDS": json.dumps({"dead": self.dead_backend}),
            "PORTAL_BREAKER_FAIL_MAX": "2", "PORTAL_BREAKER_RESET_SECONDS": "600", "PORTAL_CACHE_TTL": "0",
            "PORTAL_SWR_SECONDS": "0", "DELIVERY_RATE_LIMIT": "0", "LOG_LEVEL": "WARNING", "LOG_FORMAT": "text",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        })
        return env

    def manage(self, *args: str, timeout: float = 300) -> str:
        return run_checked([sys.executable, "manage.py", *args], f"manage.py {args[0]}", cwd=ROOT, env=self.env(),
                           timeout=timeout).stdout

    # --- start and stop ------------------------------------------------------------------------
    def prepare(self, content: Path, portal_config: Path) -> None:
        from tests.databases import fresh_database_url

        self.database_url, migrated = fresh_database_url(self.root, "scaleout")  # the run's migrated template
        if not migrated:
            self.manage("migrate", "--noinput", "-v", "0")
        if not (self.static_root / "staticfiles.json").exists():
            self.manage("collectstatic", "--noinput", "-v", "0")
        # the same commands an operator runs, in one interpreter (each start of Django costs seconds)
        self.manage("shell", "-c", "from django.core.management import call_command as c; "
                    f"c('import_content', {str(content)!r}, '--publish'); "
                    "c('createsuperuser', '--noinput', '--username', 'boss', '--email', 'boss@example.gov.cn'); "
                    f"c('portal_load_config', {str(portal_config)!r})")

    def start_app(self, index: int) -> None:
        log = (self.root / f"app{index}.log").open("ab")
        self.apps[index] = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{self.app_ports[index]}",
             "--workers", "1", "--worker-class", "gthread", "--threads", "4", "--graceful-timeout", "5"],
            cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(lambda: httpx.get(self.app_url(index) + "/healthz", timeout=2).status_code == 200,
                   what=f"application process {index}", timeout=120, log=self.root / f"app{index}.log")

    def start(self) -> None:
        for index in (0, 1):
            self.start_app(index)
        conf = self.root / "nginx.conf"
        conf.write_text(NGINX_CONF.format(root=self.root, port=self.port, port_a=self.app_ports[0],
                                          port_b=self.app_ports[1]))
        log = (self.root / "nginx.out").open("ab")
        self.nginx = subprocess.Popen([self.nginx_bin, "-c", str(conf), "-p", str(self.root), "-g", "daemon off;"],
                                      stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(lambda: port_open(self.port), what="nginx", timeout=30, log=self.root / "nginx-error.log")

    def kill_app(self, index: int) -> None:
        """The abrupt end of one process (a crash, an OOM kill): SIGKILL to its whole group."""
        proc = self.apps[index]
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def stop(self) -> None:
        for proc in [self.nginx, *self.apps]:
            if proc is not None:
                stop_process_group(proc)
        try:
            import psycopg

            if self.database_url:
                name = urlsplit(self.database_url).path.lstrip("/")
                with psycopg.connect(_with_database(self.server_url, "postgres"), autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception:  # the server may already be gone at the end of the run
            pass


def wait_for(condition, timeout: float = 10.0, interval: float = 0.1):
    """The first truthy value of ``condition()`` within ``timeout`` seconds, else the last value."""
    deadline = time.monotonic() + timeout
    value = condition()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = condition()
    return value
