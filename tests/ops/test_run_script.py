"""``./run`` itself, as a newcomer runs it (on a copy of an installed site, so the test does not
pay for migrating from nothing): it serves through gunicorn with DEBUG off, hashed static files
served, Chinese pages, and its supervisor restarts a sidecar that is killed, and says so."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest

from tests.ops.installation import ROOT
from tests.services.base import stop_process_group, wait_until

pytestmark = pytest.mark.embedded


def sidecar_pid(name: str, run_pid: int) -> int | None:
    """The pid of ``manage.py <name>`` in ./run's process tree (its own session)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = open(f"/proc/{entry}/cmdline", "rb").read().split(b"\0")
            stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if b"manage.py" in cmdline and name.encode() in cmdline and int(stat[1]) == run_pid:
            return int(entry)
    return None


def test_run_serves_like_production_and_restarts_a_killed_sidecar(site_copy):
    site = site_copy
    env = {k: v for k, v in site.env().items() if k != "DJANGO_SETTINGS_MODULE"}
    env["VENV"] = sys.prefix
    log = open(site.log_path, "ab")
    run = subprocess.Popen([str(ROOT / "run")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True)
    try:
        wait_until(lambda: httpx.get(f"{site.base_url}/healthz", timeout=2).status_code == 200,
                   what="./run", timeout=400, log=site.log_path)
        home = httpx.get(f"{site.base_url}/", timeout=60)
        assert home.status_code == 200
        stylesheets = re.findall(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text)
        assert stylesheets, "no hashed stylesheet in the home page"
        for url in stylesheets:
            css = httpx.get(f"{site.base_url}{url}", timeout=30)
            assert css.status_code == 200 and "text/css" in css.headers["content-type"]
            assert "immutable" in css.headers.get("cache-control", "")
        missing = httpx.get(f"{site.base_url}/no-such-page/", timeout=30)
        assert missing.status_code == 404 and "页面不存在" in missing.text
        assert "Traceback" not in missing.text and "DEBUG = True" not in missing.text
        text = site.log_text()
        assert "Starting gunicorn" in text and "gunicorn（生产方式" in text
        assert "崩溃的后台进程会被记录并自动重启" in text

        victim = sidecar_pid("run_periodic", run.pid)
        assert victim is not None
        os.kill(victim, signal.SIGKILL)
        wait_until(lambda: "restarting sidecar run_periodic" in site.log_text(), what="restart", timeout=60)
        assert "sidecar run_periodic exited with status -9" in site.log_text()
        wait_until(lambda: sidecar_pid("run_periodic", run.pid) not in (None, victim), what="new run_periodic", timeout=60)
        assert httpx.get(f"{site.base_url}/healthz", timeout=10).status_code == 200
    finally:
        stop_process_group(run, timeout=30)
    time.sleep(0.5)
    assert sidecar_pid("db_worker", run.pid) is None  # Ctrl-C / SIGTERM stops the whole tree
