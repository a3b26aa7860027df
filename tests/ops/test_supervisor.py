"""The supervisor of ``./run`` (config/embedded.py) with real child processes: a crashed sidecar
is logged and restarted with a growing pause; the web server's exit stops everything."""
from __future__ import annotations

import logging
import sys
import time

import pytest

from config import embedded
from config.embedded import Child, Supervisor, child_name

pytestmark = pytest.mark.embedded


def run_for(supervisor: Supervisor, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = supervisor.check()
        if status is not None:
            return status
        time.sleep(0.05)
    return None


def test_a_crashed_sidecar_is_logged_and_restarted_with_backoff(monkeypatch, caplog, tmp_path):
    monkeypatch.setattr(embedded, "BACKOFF_START", 0.2)
    starts = tmp_path / "starts"
    crasher = Child("crasher", [sys.executable, "-c",
                                f"open({str(starts)!r}, 'a').write('x'); raise SystemExit(3)"])
    web = Child("web", [sys.executable, "-c", "import time; time.sleep(60)"], essential=True)
    crasher.backoff = embedded.BACKOFF_START
    supervisor = Supervisor([crasher, web])
    caplog.set_level(logging.INFO, logger="config.embedded")
    supervisor.start_all()
    try:
        assert run_for(supervisor, 2.5) is None  # the web server keeps running throughout
    finally:
        supervisor.stop_all()
    assert crasher.restarts >= 2
    assert len(starts.read_text()) >= 3  # really started again each time: first run + 2 restarts
    exits = [r.getMessage() for r in caplog.records if "sidecar crasher exited with status 3" in r.getMessage()]
    restarts = [r.getMessage() for r in caplog.records if "restarting sidecar crasher" in r.getMessage()]
    assert len(exits) >= 2 and len(restarts) >= 2
    assert crasher.backoff > 0.4  # doubled after each quick crash
    assert web.proc.poll() is not None  # stop_all ended it


def test_the_web_server_exiting_stops_every_sidecar(caplog):
    sidecar = Child("worker", [sys.executable, "-c", "import time; time.sleep(60)"])
    web = Child("web", [sys.executable, "-c", "raise SystemExit(4)"], essential=True)
    supervisor = Supervisor([sidecar, web])
    supervisor.start_all()
    try:
        assert run_for(supervisor, 10) == 4
    finally:
        supervisor.stop_all()
    assert sidecar.proc.poll() is not None
    assert any("web exited with status 4" in r.getMessage() for r in caplog.records)


def test_children_are_named_after_their_command():
    assert child_name(["manage.py", "db_worker", "--interval", "2"]) == "db_worker"
    assert child_name(["/usr/bin/redis-server", "--port", "1"]) == "redis-server"
