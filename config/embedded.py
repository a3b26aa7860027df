"""The embedded default in one process tree: the web server plus the sidecars that apps declare
in ``settings.EMBEDDED_SIDECARS`` (background task worker, demo back-office systems, ...).

``./run`` starts this after migrating and loading demo data. Ctrl-C stops everything.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    address = os.environ.get("RUN_ADDRESS", "127.0.0.1:8000")
    python = sys.executable
    commands = [[python, *cmd] if cmd and cmd[0] == "manage.py" else list(cmd) for cmd in settings.EMBEDDED_SIDECARS]
    commands.append([python, "manage.py", "runserver", address])
    processes = [subprocess.Popen(cmd, start_new_session=True) for cmd in commands]

    def stop(*_args):
        for proc in processes:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    print(f"\n  网站已启动 / Serving on http://{address}/  (Ctrl-C 停止)\n", flush=True)
    try:
        while True:
            for proc, cmd in zip(processes, commands):
                if proc.poll() is not None and cmd is commands[-1]:
                    return proc.returncode or 0
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
