"""The test command itself: a signal (Ctrl-C, a CI time limit, ``timeout``) stops pytest and every
service the runner started, and the run says so."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.services.base import port_open

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_pytest_and_the_services(tmp_path, signum):
    sleeper = tmp_path / "test_sleeps.py"
    sleeper.write_text("import time\n\ndef test_sleeps():\n    time.sleep(120)\n")
    env = {**os.environ, "TEST_SERVICES": "redis", "TEST_EMBEDDED": "0", "TEST_DATABASE_TEMPLATES": "0",
           "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    runner = subprocess.Popen(
        [sys.executable, "-m", "tests.services.runner", str(sleeper), "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", os.devnull],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    output, port = [], None
    deadline = time.monotonic() + 120
    try:
        for line in runner.stdout:
            output.append(line)
            found = re.search(r"redis://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
            if "-m pytest" in line or time.monotonic() > deadline:
                break
        assert port and port_open(port), "".join(output)
        time.sleep(3)  # pytest is now inside the sleeping test
        runner.send_signal(signum)
        rest, _ = runner.communicate(timeout=60)
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGKILL)
    text = "".join(output) + rest
    assert runner.returncode == 128 + signum, text
    assert "stopping pytest and every service" in text and "stopping redis" in text, text
    assert not port_open(port), f"redis on port {port} outlived the run:\n{text}"
