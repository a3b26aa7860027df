"""Portal home benchmark: 12 widgets whose back ends answer in 50–300 ms.

Measured in one run, through the whole Django stack (views, layouts, cache, breakers, JWT, HTTP
to the real demo back ends in their own process):

1. the home fetched concurrently (``GET /portal/api/home/``) against the baseline of the same 12
   widgets fetched one after another (12 × ``GET /portal/api/widgets/<key>/``): mean, p50, p95
   and their ratios;
2. the same home plus one back end that never answers (widget timeout ``--timeout``): the home's
   p95 must stay within that timeout plus a small margin. The breaker is set not to open here, so
   every run pays the full timeout (the worst case); then once more with the breaker opening after
   5 failures, as in production.

    .venv/bin/python bench/portal_home.py [--runs 30] [--timeout 1.0]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.services.base import free_port, port_open, stop_process_group, wait_until  # noqa: E402

SYSTEMS = [  # (backend, url, items_path) — 12 widgets over the four demo systems
    ("oa", "{backend}/api/todos", "items"), ("oa", "{backend}/api/messages", "messages"),
    ("complaints", "{backend}/api/complaints", "data.list"), ("complaints", "{backend}/api/stats", "daily"),
    ("cases", "{backend}/api/cases", "cases"), ("meetings", "{backend}/api/meetings", "meetings"),
] * 2


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def summary(values: list[float]) -> dict[str, float]:
    return {"mean": statistics.fmean(values), "p50": percentile(values, 50), "p95": percentile(values, 95), "max": max(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=1.0, help="timeout of the widget whose back end never answers")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    (workdir / "static").mkdir()
    port = free_port()
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(workdir), "ALLOWED_HOSTS": "testserver",
        "DEBUG": "false", "LOG_LEVEL": "ERROR", "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "PORTAL_DEMO_BACKENDS_PORT": str(port), "PORTAL_CACHE_TTL": "0", "PORTAL_SWR_SECONDS": "0",
        "PORTAL_BREAKER_FAIL_MAX": "1000000", "PORTAL_WIDGET_TIMEOUT": "3",
        # "dead" is the OA server's address under its own name (its own breaker) for the hanging widget.
        "PORTAL_BACKENDS": json.dumps({name: f"http://127.0.0.1:{port}/{prefix}" for name, prefix in (
            ("oa", "oa"), ("complaints", "12315"), ("cases", "cases"), ("meetings", "meetings"), ("dead", "oa"))}),
    })
    backends = subprocess.Popen(
        [sys.executable, "manage.py", "portal_demo_backends", "--port", str(port), "--latency", "50-300"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_until(lambda: port_open(port), what="demo back ends", timeout=60)
        return run(args)
    finally:
        stop_process_group(backends)


def run(args) -> int:
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client, override_settings
    from tqdm import tqdm

    from portal.breakers import reset_breakers
    from portal.models import DefaultLayout, LayoutSlot, WidgetDefinition

    call_command("migrate", verbosity=0)
    role = Group.objects.create(name="bench")
    keys = []
    for index, (backend, url, items_path) in enumerate(SYSTEMS):
        widget = WidgetDefinition(key=f"w{index}", title=f"组件{index}", widget_type="todo", connector="rest", backend=backend,
                                  connector_config={"url": url, "items_path": items_path})
        widget.full_clean()
        widget.save()
        keys.append(widget.key)
    hang = WidgetDefinition.objects.create(key="hangs", title="不响应的系统", widget_type="todo", connector="rest", backend="dead",
                                           connector_config={"url": "{backend}/api/todos?hang=1"}, timeout=args.timeout)
    home = DefaultLayout.objects.create(name="home", priority=1)
    for index, key in enumerate(keys):
        LayoutSlot.objects.create(layout=home, widget=WidgetDefinition.objects.get(key=key), sort_order=index)
    LayoutSlot.objects.create(layout=DefaultLayout.objects.create(name="with a dead system", role=role, priority=2), widget=hang)

    client, victim = Client(), Client()
    client.force_login(User.objects.create_user("official"))
    unlucky = User.objects.create_user("unlucky")
    unlucky.groups.add(role)
    victim.force_login(unlucky)

    def timed(call) -> float:
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    def home_ok(c, expect):
        body = c.get("/portal/api/home/").json()
        statuses = [w["status"] for w in body["widgets"]]
        assert statuses == expect, statuses

    def one_after_another():
        for key in keys:
            assert client.get(f"/portal/api/widgets/{key}/").json()["status"] == "ok"

    for _ in range(2):  # warm up: imports, connection pools, first queries
        home_ok(client, ["ok"] * 12)
        one_after_another()
    concurrent, sequential, degraded = [], [], []
    for _ in tqdm(range(args.runs), desc="concurrent vs one after another", file=sys.stderr):
        concurrent.append(timed(lambda: home_ok(client, ["ok"] * 12)))
        sequential.append(timed(one_after_another))
    for _ in tqdm(range(args.runs), desc="with a back end that never answers", file=sys.stderr):
        degraded.append(timed(lambda: home_ok(victim, ["ok"] * 12 + ["timeout"])))
    # The same with the production breaker (5 failures open it): the dead system's widget is then
    # answered at once ("error", circuit open) instead of waiting for its timeout on every load.
    broken = []
    with override_settings(PORTAL_BREAKER_FAIL_MAX=5, PORTAL_BREAKER_RESET_SECONDS=3600):
        reset_breakers()
        for _ in tqdm(range(args.runs), desc="same, breaker opening after 5 failures", file=sys.stderr):
            broken.append(timed(lambda: victim.get("/portal/api/home/")))

    c, s, d, b = summary(concurrent), summary(sequential), summary(degraded), summary(broken)
    print(f"\nPortal home, 12 widgets, back ends 50–300 ms, {args.runs} runs each (seconds)")
    print(f"{'':34} {'mean':>7} {'p50':>7} {'p95':>7} {'max':>7}")
    for label, row in (("one after another (baseline)", s), ("concurrent (/portal/api/home/)", c),
                       (f"+ 1 back end never answers ({args.timeout:g} s)", d), ("  same, breaker opens after 5", b)):
        print(f"{label:34} {row['mean']:7.3f} {row['p50']:7.3f} {row['p95']:7.3f} {row['max']:7.3f}")
    print(f"speed-up, concurrent vs baseline: mean ×{s['mean'] / c['mean']:.1f}, p95 ×{s['p95'] / c['p95']:.1f}")
    margin = d["p95"] - args.timeout
    print(f"home p95 with a dead back end: {d['p95']:.3f} s = timeout {args.timeout:g} s + {margin:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
