"""Public page speed through the real application server (gunicorn, as ``./run`` and production
serve): cached anonymous home and service-guide pages at 16 concurrent clients, and the uncached
service-guide page (SQL queries, p50/p95 at one client).

Baselines measured in the same run, against the same server:

1. ``/healthz``: the smallest Django response (the server's and the framework's own ceiling);
2. the same pages uncached (a query parameter the page cache does not key on, so every request
   renders the page: what every request cost before the page cache).

The content is a generated site of ``--records`` items imported with ``import_content --publish``
(SQLite under a temporary folder; the cache is Redis when ``REDIS_URL`` is set, else the embedded
default's shared file cache). Load comes from Debian's ``wrk`` when installed, else a bounded
Python client (threads over keep-alive connections, which measures less).

    .venv/bin/python bench/page_speed.py [--seconds 8] [--connections 16] [--records 60]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.services.base import free_port, port_open, stop_process_group, wait_until  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


# --- load ------------------------------------------------------------------------------------------
def load_wrk(url: str, seconds: int, connections: int) -> dict:
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                          capture_output=True, text=True, timeout=seconds + 60)
    out = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)

    def ms(label):
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


def load_python(url: str, seconds: int, connections: int) -> dict:
    import httpx

    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client():
        with httpx.Client(timeout=10) as session:
            mine = []
            while time.monotonic() < deadline:
                started = time.perf_counter()
                response = session.get(url)
                mine.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    errors[0] += 1
            with lock:
                latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"rps": len(latencies) / elapsed, "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
            "errors": errors[0], "socket_errors": ""}


def sequential(url: str, count: int) -> list[float]:
    import httpx

    latencies = []
    with httpx.Client(timeout=120) as session:
        for n in range(count):
            started = time.perf_counter()
            response = session.get(url.replace("{n}", str(n)))
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return latencies


# --- set-up ------------------------------------------------------------------------------------------
def prepare(workdir: Path, records: int) -> dict:
    """Migrate, import the generated site, and find a service guide's URL; count the uncached
    pages' queries in-process (the same code the server runs)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_import_content", ROOT / "bench" / "import_content.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)  # the same generated records as the import benchmark
    from cms.models import ServiceGuidePage

    call_command("migrate", verbosity=0)
    path = workdir / "site.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generator.generate(records)),
                    encoding="utf-8")
    call_command("import_content", str(path), "--publish", stdout=io.StringIO(), stderr=io.StringIO())
    guide = ServiceGuidePage.objects.live().order_by("-published_at").first().url
    client = Client(HTTP_HOST="127.0.0.1")
    queries = {}
    for name, url in (("home", "/"), ("guide", guide)):
        client.get(url + "?bench=warm")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url + "?bench=count").status_code == 200
        queries[name] = len(captured.captured_queries)
    connection.close()
    return {"guide": guide, "queries": queries}


def start_server(port: int, workdir: Path, env: dict) -> subprocess.Popen:
    conf = ROOT / "config" / "gunicorn.conf.py"
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    if conf.exists():
        command[3:3] = ["-c", str(conf)]
    else:
        command += ["--workers", "2", "--worker-class", "gthread", "--threads", "4"]
    log = (workdir / "gunicorn.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env={**env, "WEB_ACCESS_LOG": "", "WEB_LOG_LEVEL": "warning"},
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    wait_until(lambda: port_open(port), what="gunicorn", timeout=120, log=workdir / "gunicorn.log")
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each load run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--records", type=int, default=60, help="generated items on the site")
    parser.add_argument("--uncached-requests", type=int, default=100)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="page-bench-"))
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(workdir),
           "DEBUG": "false", "LOG_LEVEL": "ERROR", "ALLOWED_HOSTS": "127.0.0.1,testserver",
           "BASE_URL": f"http://127.0.0.1:{port}", "DELIVERY_RATE_LIMIT": "0", "PAGE_CACHE_ENABLED": "true"}
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    print(f"page speed benchmark: {args.records} items, cache: {'Redis' if env.get('REDIS_URL') else 'files'}, "
          f"load: {'wrk' if shutil.which('wrk') else 'Python client'}, {os.cpu_count()} cores", flush=True)
    site = prepare(workdir, args.records)
    load = load_wrk if shutil.which("wrk") else load_python
    server = start_server(port, workdir, env)
    base = f"http://127.0.0.1:{port}"
    try:
        sequential(base + "/", 3), sequential(base + site["guide"], 3)  # warm: imports, first renders, cache fill
        rows = []
        for label, path in (("baseline: /healthz", "/healthz"),
                            ("home, uncached (baseline)", "/?bench=uncached"),
                            ("home, cached", "/"),
                            ("service guide, uncached (baseline)", site["guide"] + "?bench=uncached"),
                            ("service guide, cached", site["guide"])):
            rows.append((label, load(base + path, args.seconds, args.connections)))
        uncached = sequential(base + site["guide"] + "?bench={n}", args.uncached_requests)
        health = sequential(base + "/healthz", args.uncached_requests)
    finally:
        stop_process_group(server)

    by_label = dict(rows)
    print(f"\n{args.connections} concurrent clients, {args.seconds} s each, through gunicorn")
    print(f"  {'':38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'× /healthz':>11}")
    for label, row in rows:
        print(f"  {label:38} {row['rps']:8.0f} {row['p50']:8.1f} {row['p99']:8.1f} {row['errors']:7d} "
              f"{row['rps'] / by_label['baseline: /healthz']['rps']:11.2f}")
    print(f"  cached / uncached: home ×{by_label['home, cached']['rps'] / by_label['home, uncached (baseline)']['rps']:.1f}, "
          f"service guide ×{by_label['service guide, cached']['rps'] / by_label['service guide, uncached (baseline)']['rps']:.1f}")
    print(f"\nuncached service guide at 1 client, {args.uncached_requests} requests: "
          f"p50 {statistics.median(uncached):.1f} ms, p95 {percentile(uncached, 95):.1f} ms "
          f"(/healthz p95 {percentile(health, 95):.1f} ms, ratio ×{percentile(uncached, 95) / percentile(health, 95):.1f})")
    print(f"SQL queries per uncached page: home {site['queries']['home']}, service guide {site['queries']['guide']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
