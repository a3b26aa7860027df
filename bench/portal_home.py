"""Portal home benchmark: 12 widgets whose back ends answer in 50–300 ms, through the real
application server (gunicorn), for 1 and for 10 officials at once.

The back ends are an independent delay server started by this script (not the project's demo
systems): widget *i* answers after a fixed delay between 50 and 300 ms, so the slowest back end
is exactly 300 ms and a home page can never be faster than that. One more URL never answers.
Measured in the same run:

1. baseline: the slowest back end called directly (300 ms + the client's own overhead);
2. ``GET /portal/api/home/`` with the 12 widgets: p50/p95 and p95 ÷ the baseline's p95 (goal ≤ 1.10);
3. the same home plus a widget whose back end hangs (widget timeout ``--timeout``): p95 minus the
   timeout (goal ≤ 50 ms); the breaker is set never to open, so every view pays the full wait.

    .venv/bin/python bench/portal_home.py [--runs 30] [--timeout 1.0] [--officials 1,10]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.services.base import free_port, port_open, stop_process_group, wait_until  # noqa: E402

DELAYS_MS = [round(50 + i * (300 - 50) / 11) for i in range(12)]  # 50 … 300 ms


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


# --- the independent back ends --------------------------------------------------------------------
class DelayHandler(BaseHTTPRequestHandler):
    """``GET /todos?delay=MS`` answers a small to-do list after MS milliseconds; ``/hang`` never does."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/hang":
            time.sleep(60)
            return
        delay = int(parse_qs(parts.query).get("delay", ["0"])[0])
        time.sleep(delay / 1000)
        body = json.dumps({"items": [{"title": f"待办事项{n}", "url": "https://oa.example/x"} for n in range(5)]},
                          ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start_backends() -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), DelayHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- the installation ----------------------------------------------------------------------------
def prepare(backend_url: str, timeout: float, officials: int) -> list[str]:
    """Widgets, layouts and logged-in officials in the installation's database; their session ids."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from portal.models import DefaultLayout, LayoutSlot, WidgetDefinition

    call_command("migrate", verbosity=0)
    home = DefaultLayout.objects.create(name="home", priority=1)
    for index, delay in enumerate(DELAYS_MS):
        widget = WidgetDefinition(key=f"w{index}", title=f"组件{index}", widget_type="todo", connector="rest",
                                  backend="bench", timeout=3.0,
                                  connector_config={"url": f"{{backend}}/todos?delay={delay}", "items_path": "items"})
        widget.full_clean()
        widget.save()
        LayoutSlot.objects.create(layout=home, widget=widget, sort_order=index)
    hung = Group.objects.create(name="with a hung system")
    hang = WidgetDefinition.objects.create(key="hangs", title="不响应的系统", widget_type="todo", connector="rest",
                                           backend="hung", connector_config={"url": "{backend}/hang"}, timeout=timeout)
    LayoutSlot.objects.create(layout=DefaultLayout.objects.create(name="hung", role=hung, priority=2), widget=hang)
    sessions = []
    for n in range(officials):
        for suffix, groups in (("", []), ("-hung", [hung])):
            user = User.objects.create_user(f"official{n}{suffix}")
            user.groups.set(groups)
            client = Client()
            client.force_login(user)
            sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return sessions


def start_server(port: int, workdir: Path, env: dict) -> subprocess.Popen:
    conf = ROOT / "config" / "gunicorn.conf.py"
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    if conf.exists():
        command[3:3] = ["-c", str(conf)]
    else:
        command += ["--workers", "2", "--worker-class", "gthread", "--threads", env["WEB_THREADS"]]
    log = (workdir / "gunicorn.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    wait_until(lambda: port_open(port), what="gunicorn", timeout=120, log=workdir / "gunicorn.log")
    return server


# --- measuring -------------------------------------------------------------------------------------
def measure(url: str, sessions: list[str], runs: int, expect: list[str] | None) -> list[float]:
    from django.conf import settings

    """``runs`` home views by each session at once (one thread per official); every duration."""
    import httpx

    durations: list[float] = []
    lock = threading.Lock()
    problems: list[str] = []

    def official(session: str):
        with httpx.Client(cookies={settings.SESSION_COOKIE_NAME: session}, timeout=30) as client:
            for _ in range(runs):
                started = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - started
                statuses = [w["status"] for w in response.json()["widgets"]] if response.status_code == 200 else []
                with lock:
                    durations.append(elapsed)
                    if expect is not None and statuses != expect:
                        problems.append(f"{response.status_code} {statuses}")

    threads = [threading.Thread(target=official, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if problems:
        print(f"  !! {len(problems)} unexpected answers, e.g. {problems[0]}", flush=True)
    return durations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="home views per official in each measurement")
    parser.add_argument("--timeout", type=float, default=1.0, help="timeout of the widget whose back end hangs")
    parser.add_argument("--officials", default="1,10", help="numbers of officials at once, comma-separated")
    args = parser.parse_args()
    counts = [int(n) for n in args.officials.split(",")]

    backends = start_backends()
    backend_url = f"http://127.0.0.1:{backends.server_address[1]}"
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(workdir), "DEBUG": "false",
           "LOG_LEVEL": "ERROR", "ALLOWED_HOSTS": "127.0.0.1,testserver", "BASE_URL": f"http://127.0.0.1:{port}",
           "PORTAL_BACKENDS": json.dumps({"bench": backend_url, "hung": backend_url}),
           "PORTAL_CACHE_TTL": "0", "PORTAL_SWR_SECONDS": "0", "PORTAL_BREAKER_FAIL_MAX": "1000000",
           "WEB_ACCESS_LOG": "", "WEB_LOG_LEVEL": "warning", "WEB_THREADS": os.environ.get("WEB_THREADS", "16")}
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    sessions = prepare(backend_url, args.timeout, max(counts))
    plain, hung = sessions[0::2], sessions[1::2]
    server = start_server(port, workdir, env)
    home = f"http://127.0.0.1:{port}/portal/api/home/"
    rows = []
    try:
        measure(home, plain[:1], 3, None)  # warm up: imports, connection pools, first queries
        import httpx

        with httpx.Client(timeout=10) as direct:
            baseline = []
            for _ in range(args.runs):
                started = time.perf_counter()
                direct.get(f"{backend_url}/todos?delay={max(DELAYS_MS)}")
                baseline.append(time.perf_counter() - started)
        slowest = percentile(baseline, 95)
        for count in counts:
            rows.append((f"{count} official(s), 12 widgets", measure(home, plain[:count], args.runs, ["ok"] * 12), "ratio"))
            rows.append((f"{count} official(s), + 1 hung back end", measure(home, hung[:count], max(5, args.runs // 3),
                                                                           ["ok"] * 12 + ["timeout"]), "margin"))
    finally:
        stop_process_group(server)
        backends.shutdown()

    print(f"\nPortal home through gunicorn, back ends {min(DELAYS_MS)}–{max(DELAYS_MS)} ms (independent delay server), "
          f"{args.runs} views per official")
    print(f"baseline: the slowest back end called directly, p95 {slowest * 1000:.0f} ms")
    print(f"  {'':40} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'goal':>22}")
    for label, values, kind in rows:
        p95 = percentile(values, 95)
        goal = (f"p95/slowest {p95 / slowest:5.2f} (≤1.10)" if kind == "ratio"
                else f"timeout + {1000 * (p95 - args.timeout):4.0f} ms (≤50)")
        print(f"  {label:40} {len(values):5d} {statistics.median(values) * 1000:8.0f} {p95 * 1000:8.0f} {goal:>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
