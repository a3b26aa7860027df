"""The embedded default in one process tree, under one supervisor: the application server
(gunicorn, or Django's development server with ``--debug``) plus the sidecars that settings list
in ``EMBEDDED_SIDECARS`` (task worker, periodic worker, demo back-office systems, ...).

``./run`` starts this after migrating, collecting static files and loading demo data.

- A sidecar that exits is logged with its exit status and restarted, after a pause that doubles
  with each quick crash (1 s up to 60 s) and resets once it has run for a minute.
- The web server is the reason to exist: when it exits, everything stops with its status.
- SIGTERM or Ctrl-C stops every child by process group (SIGTERM, then SIGKILL after 10 s).

Why not supervisord or honcho: honcho stops everything when one process ends (no restarts), and
supervisord is a daemon with its own config file and control socket for what here is a loop of
~100 lines that reads the same settings as the app. Production uses systemd for the same job
(``deploy/systemd/``: ``Restart=on-failure``).
"""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

logger = logging.getLogger("config.embedded")

BACKOFF_START = 1.0
BACKOFF_MAX = 60.0
STABLE_AFTER = 60.0  # a child running this long has its backoff reset
STOP_TIMEOUT = 10.0


@dataclass
class Child:
    """One supervised command. ``essential``: its exit ends the whole tree (the web server)."""

    name: str
    command: list[str]
    essential: bool = False
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    restarts: int = 0
    backoff: float = BACKOFF_START
    restart_at: float | None = None
    env: dict[str, str] = field(default_factory=dict)

    def start(self) -> None:
        self.proc = subprocess.Popen(self.command, start_new_session=True, env={**os.environ, **self.env})
        self.started_at = time.monotonic()
        self.restart_at = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


def child_name(command: list[str]) -> str:
    """``manage.py db_worker --interval 2`` -> ``db_worker``."""
    return command[1] if len(command) > 1 and command[0] == "manage.py" else os.path.basename(command[0])


def web_command(python: str, address: str, debug: bool) -> list[str]:
    if debug:
        return [python, "manage.py", "runserver", address]
    return [python, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"]


class Supervisor:
    """Start, watch and restart the children; see the module docstring for the rules."""

    def __init__(self, children: list[Child], *, clock=time.monotonic):
        self.children = children
        self.clock = clock
        self.stopping = False

    def start_all(self) -> None:
        for child in self.children:
            child.start()

    def check(self) -> int | None:
        """One round: restart what is due, schedule restarts of what died. Returns an exit status
        when an essential child ended (then the caller stops the rest)."""
        now = self.clock()
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at and not self.stopping:
                    child.restarts += 1
                    logger.warning("重启后台进程 %s（第 %d 次）/ restarting sidecar %s (restart #%d)",
                                   child.name, child.restarts, child.name, child.restarts)
                    child.start()
                continue
            code = child.proc.poll() if child.proc else None
            if code is None:
                if now - child.started_at >= STABLE_AFTER:
                    child.backoff = BACKOFF_START
                continue
            if child.essential:
                logger.error("%s 已退出（状态 %s），停止全部进程 / %s exited with status %s, stopping everything",
                             child.name, code, child.name, code)
                return code or 0
            delay = child.backoff
            child.backoff = min(child.backoff * 2, BACKOFF_MAX)
            child.restart_at = now + delay
            logger.error("后台进程 %s 意外退出（状态 %s），%.0f 秒后重启 / sidecar %s exited with status %s, "
                         "restarting in %.0fs", child.name, code, delay, child.name, code, delay)
        return None

    def stop_all(self) -> None:
        self.stopping = True
        for child in self.children:
            child.stop()
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in self.children:
            if child.proc is None:
                continue
            try:
                child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(child.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                child.proc.wait(timeout=5)


def build_children(debug: bool) -> list[Child]:
    from django.conf import settings

    python = sys.executable
    address = os.environ.get("RUN_ADDRESS", "127.0.0.1:8000")
    children = []
    for cmd in settings.EMBEDDED_SIDECARS:
        command = [python, *cmd] if cmd and cmd[0] == "manage.py" else list(cmd)
        children.append(Child(child_name(list(cmd)), command))
    children.append(Child("web", web_command(python, address, debug), essential=True))
    return children


def _stop_on_sigterm(*_args):
    raise KeyboardInterrupt  # leaves the loop through the same ``finally`` as Ctrl-C


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev" if debug else "config.settings.embedded")
    import django

    django.setup()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    supervisor = Supervisor(build_children(debug))
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    address = os.environ.get("RUN_ADDRESS", "127.0.0.1:8000")
    server = "Django 开发服务器 (--debug)" if debug else "gunicorn（生产方式：DEBUG 关闭，静态文件由 whitenoise 提供）"
    sidecars = "、".join(child.name for child in supervisor.children if not child.essential)
    supervisor.start_all()
    print(f"\n  网站已启动 / Serving on http://{address}/  (Ctrl-C 停止)\n"
          f"  应用服务器 / application server: {server}\n"
          f"  后台进程 / sidecars: {sidecars}\n"
          f"  由同一监督进程管理：崩溃的后台进程会被记录并自动重启 / "
          f"supervised: a crashed sidecar is logged and restarted\n", flush=True)
    try:
        while True:
            status = supervisor.check()
            if status is not None:
                return status
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        supervisor.stop_all()


if __name__ == "__main__":
    sys.exit(main())
