"""Redis from Debian's packages, in memory only, on a free loopback port."""
from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

from tests.services.base import Service, ServiceError, free_port, port_open, stop_process_group, wait_until


class RedisInstance:
    """One throwaway Redis; also used directly by tests that need to stop a cache."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> str:
        binary = shutil.which("redis-server")
        if not binary:
            raise ServiceError("redis-server not found (apt package 'redis-server')")
        self.root.mkdir(parents=True, exist_ok=True)
        log = self.root / "redis.log"
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.root)],
            stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_until(lambda: port_open(self.port) and _ping(self.port), what="Redis", timeout=30, log=log)
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.proc:
            stop_process_group(self.proc)
            self.proc = None


def _ping(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")


class RedisService(Service):
    name = "redis"
    apt_packages = ("redis-server",)
    order = 10

    def start(self, workdir: Path) -> dict[str, str]:
        self.instance = RedisInstance(workdir / "redis")
        return {"REDIS_URL": self.instance.start()}

    def stop(self) -> None:
        if getattr(self, "instance", None):
            self.instance.stop()


SERVICE = RedisService()
