"""PostgreSQL from Debian's packages: a private cluster under the run's temp directory."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from tests.services.base import Service, ServiceError, free_port, run_checked, wait_until


def postgres_bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise ServiceError("PostgreSQL server binaries not found under /usr/lib/postgresql (apt package 'postgresql')")
    return Path(candidates[-1]).parent


class PostgresInstance:
    """One throwaway cluster; also used directly by tests that need to stop a database."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.bin = postgres_bin_dir()
        self.user = "postgres"
        self.proc: subprocess.Popen | None = None

    def _as_user(self, cmd: list[str]) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", self.user, "--", *cmd]
        return cmd

    def start(self) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            entry = pwd.getpwnam(self.user)
            shutil.chown(self.root, entry.pw_uid, entry.pw_gid)
        run_checked(
            self._as_user([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]),
            "initdb",
        )
        log = self.root / "postgres.log"
        self.proc = subprocess.Popen(
            self._as_user([
                str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.root),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200",
            ]),
            stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        wait_until(
            lambda: subprocess.run([str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)], capture_output=True).returncode == 0,
            what="PostgreSQL", timeout=60, log=log,
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        from tests.services.base import stop_process_group

        if self.proc:
            stop_process_group(self.proc)
            self.proc = None


class PostgresService(Service):
    name = "postgres"
    apt_packages = ("postgresql",)
    order = 10

    def start(self, workdir: Path) -> dict[str, str]:
        self.instance = PostgresInstance(workdir / "postgres")
        url = self.instance.start()
        return {"DATABASE_URL": url}

    def stop(self) -> None:
        if getattr(self, "instance", None):
            self.instance.stop()


SERVICE = PostgresService()
