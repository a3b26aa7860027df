"""``./run`` start-up: time from the command to ``GET /healthz`` = 200, on a fresh clone of this
repository (empty ``var/``: migrate, collectstatic, demo data) and on a second start of the same
clone (data kept, static files unchanged), then anonymous requests through gunicorn.

Baseline in the same run, on the same clone and data: ``./run --debug`` (Django's development
server, DEBUG on, no collectstatic), the way ``./run`` served before it ran like production.

The virtual environment is not part of the timing: the clone uses this checkout's ``.venv``
(``VENV=``), as a second ``./run`` would; creating it is pip's time, not the application's.

    .venv/bin/python bench/run_startup.py [--requests 200]
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except Exception:
        return 0


class Run:
    """One ``./run`` in its own process group, timed until /healthz answers."""

    def __init__(self, clone: Path, debug: bool, log: Path):
        self.port, self.demo_port = free_port(), free_port()
        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "VAR_DIR"}}
        env.update({"VENV": str(ROOT / ".venv"), "RUN_ADDRESS": f"127.0.0.1:{self.port}",
                    "PORTAL_DEMO_BACKENDS_PORT": str(self.demo_port), "WEB_ACCESS_LOG": ""})
        self.started = time.monotonic()
        self.proc = subprocess.Popen(["./run", *(["--debug"] if debug else [])], cwd=clone, env=env,
                                     stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log

    def wait_healthy(self, timeout: float = 900) -> float:
        while time.monotonic() - self.started < timeout:
            if self.proc.poll() is not None:
                tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])
                raise SystemExit(f"./run exited with {self.proc.returncode}:\n{tail}")
            if get(f"{self.url}/healthz", timeout=1) == 200:
                return time.monotonic() - self.started
            time.sleep(0.1)
        raise SystemExit("./run did not answer /healthz in time")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=60)


def throughput(url: str, requests: int, clients: int = 4) -> tuple[float, int]:
    get(url)  # warm
    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        statuses = list(pool.map(lambda _: get(url, timeout=30), range(requests)))
    return requests / (time.monotonic() - started), sum(1 for s in statuses if s != 200)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="run-bench-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        log = Path(tmp) / "run.log"
        rows = []

        fresh = Run(clone, debug=False, log=log)
        rows.append(("./run, fresh clone (migrate, collectstatic, demo data)", fresh.wait_healthy()))
        fresh.stop()

        debug = Run(clone, debug=True, log=log)
        baseline = debug.wait_healthy()
        debug_rps, debug_errors = throughput(f"{debug.url}/", args.requests)
        debug.stop()

        again = Run(clone, debug=False, log=log)
        rows.append(("./run, second start (data kept)", again.wait_healthy()))
        rps, errors = throughput(f"{again.url}/", args.requests)
        static = get(f"{again.url}/healthz")
        again.stop()

        print(f"{'':58} {'s to /healthz':>14} {'× baseline':>11}")
        print(f"{'./run --debug, second start (baseline: dev server)':58} {baseline:14.1f} {1.0:11.2f}")
        for label, seconds in rows:
            print(f"{label:58} {seconds:14.1f} {seconds / baseline:11.2f}")
        print(f"\nhome page, {args.requests} requests by 4 clients, anonymous:")
        print(f"  dev server (baseline): {debug_rps:6.1f} req/s, {debug_errors} errors")
        print(f"  gunicorn 2x4 threads : {rps:6.1f} req/s, {errors} errors, ×{rps / debug_rps:.2f}; healthz {static}")


if __name__ == "__main__":
    main()
