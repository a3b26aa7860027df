"""What a test service is, and the small helpers every service needs (free ports, waiting,
process groups). Services run under a temporary directory and never touch system instances."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


class ServiceError(RuntimeError):
    """A service could not be installed or started; the message says which and why."""


class Service:
    """One service for the test run.

    ``start`` returns the environment variables that tell the app and the tests where the service
    is (e.g. ``DATABASE_URL``); ``stop`` must work even after a partial start. ``embedded`` says
    whether the variables are kept for the second run against the embedded defaults (a browser,
    say, is needed by both; a database server is not).
    """

    name: str = ""
    apt_packages: tuple[str, ...] = ()
    order: int = 50
    embedded: bool = False

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []

    def start(self, workdir: Path) -> dict[str, str]:
        raise NotImplementedError

    def stop(self) -> None:
        for proc in reversed(self.processes):
            stop_process_group(proc)
        self.processes.clear()

    def spawn(self, cmd: list[str], log: Path, **kwargs) -> subprocess.Popen:
        """Start ``cmd`` in its own process group (so that stop() also ends its children)."""
        log.parent.mkdir(parents=True, exist_ok=True)
        handle = open(log, "ab")
        proc = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)
        self.processes.append(proc)
        return proc


def stop_process_group(proc: subprocess.Popen, timeout: float = 10) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, PermissionError):
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_until(ready: Callable[[], bool], *, what: str, timeout: float = 60, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except Exception:
            pass
        time.sleep(0.2)
    tail = ""
    if log and log.exists():
        tail = "\n--- last lines of " + str(log) + " ---\n" + "\n".join(log.read_text(errors="replace").splitlines()[-30:])
    raise ServiceError(f"{what} did not become ready within {timeout:.0f}s{tail}")


def run_checked(cmd: list[str], what: str, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise ServiceError(f"{what} failed ({' '.join(cmd)}):\n{result.stdout}\n{result.stderr}")
    return result
