"""Database dump and restore, one class per engine, looked up by Django's ENGINE (a registry, so
another engine is a new class, not another branch).

- SQLite: the online backup API (``sqlite3.Connection.backup``): a consistent copy of a live
  database, page by page, while the site keeps serving; restored the same way into the target
  file, so WAL and lock files stay right.
- PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists --no-owner``
  (the client tools of Debian's ``postgresql-client``); the password goes through PGPASSWORD,
  never the command line.
"""
from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connections

Progress = Callable[[int, int], None]  # (done, total)

_engines: dict[str, type[DatabaseDump]] = {}


def register_engine(engine: str):
    def decorator(cls):
        _engines[engine] = cls
        return cls

    return decorator


def dump_for(alias: str = "default") -> DatabaseDump:
    settings_dict = connections[alias].settings_dict
    try:
        return _engines[settings_dict["ENGINE"]](settings_dict)
    except KeyError:
        raise CommandError(f"不支持备份此数据库引擎：{settings_dict['ENGINE']}") from None


class DatabaseDump:
    """Writes ``file_name`` into a backup folder and reads it back into the configured database."""

    file_name = ""

    def __init__(self, settings_dict: dict):
        self.settings = settings_dict

    def dump(self, folder: Path, progress: Progress) -> Path:
        raise NotImplementedError

    def restore(self, folder: Path, progress: Progress) -> None:
        raise NotImplementedError


@register_engine("django.db.backends.sqlite3")
class SqliteDump(DatabaseDump):
    file_name = "database.sqlite3"
    pages_per_step = 256

    @property
    def path(self) -> str:
        return str(self.settings["NAME"])

    def _copy(self, source: str, target: str, progress: Progress) -> None:
        timeout = float(self.settings.get("OPTIONS", {}).get("timeout", 30))
        src = sqlite3.connect(source, timeout=timeout)
        dst = sqlite3.connect(target, timeout=timeout)
        try:
            src.backup(dst, pages=self.pages_per_step,
                       progress=lambda status, remaining, total: progress(total - remaining, total))
        finally:
            src.close()
            dst.close()

    def dump(self, folder: Path, progress: Progress) -> Path:
        target = folder / self.file_name
        self._copy(self.path, str(target), progress)
        return target

    def restore(self, folder: Path, progress: Progress) -> None:
        connections.close_all()
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._copy(str(folder / self.file_name), self.path, progress)


def postgres_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, else the newest under /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise CommandError(f"找不到 {name}：请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client）")
    return candidates[-1]


@register_engine("django.db.backends.postgresql")
class PostgresDump(DatabaseDump):
    file_name = "database.pgdump"

    def _connection_args(self) -> tuple[list[str], dict[str, str]]:
        s = self.settings
        args = ["--dbname", s["NAME"]]
        if s.get("HOST"):
            args += ["--host", str(s["HOST"])]
        if s.get("PORT"):
            args += ["--port", str(s["PORT"])]
        if s.get("USER"):
            args += ["--username", str(s["USER"])]
        env = {**os.environ}
        if s.get("PASSWORD"):
            env["PGPASSWORD"] = str(s["PASSWORD"])
        return args, env

    def _run(self, cmd: list[str], env: dict[str, str], what: str) -> None:
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"{what} 失败：{result.stderr.strip()[-2000:]}")

    def dump(self, folder: Path, progress: Progress) -> Path:
        target = folder / self.file_name
        args, env = self._connection_args()
        progress(0, 1)
        self._run([postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                   "--file", str(target), *args], env, "pg_dump")
        progress(1, 1)
        return target

    def restore(self, folder: Path, progress: Progress) -> None:
        connections.close_all()
        args, env = self._connection_args()
        progress(0, 1)
        self._run([postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                   "--single-transaction", "--exit-on-error", *args, str(folder / self.file_name)], env, "pg_restore")
        progress(1, 1)
