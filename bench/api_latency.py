"""Content API latency: listing and detail, p50/p95, with and without conditional requests.

One run, one fresh SQLite database with the demo content plus ``--items`` generated notices,
through the whole Django stack in process (middleware, rate limit, response cache, views):

* ``unconditional`` (the baseline): plain ``GET``, as a client without a cache sends it;
* ``conditional``: the same ``GET`` with ``If-None-Match`` of the previous answer (``304``);
* ``uncached render``: a plain ``GET`` with the server-side response cache emptied first (what the
  first client after a publish pays).

Ratios are against the baseline measured in the same run.

    .venv/bin/python bench/api_latency.py [--runs 300] [--items 200]
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/api_latency.py   # shared cache as in production
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def setup(items: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="delivery-bench-"))
    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(workdir),
                       "DEBUG": "false", "LOG_LEVEL": "ERROR", "ALLOWED_HOSTS": "testserver",
                       "DELIVERY_RATE_LIMIT": "0", "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"})
    import django

    django.setup()
    from django.core.management import call_command
    from tqdm import tqdm

    call_command("migrate", verbosity=0)
    call_command("setup_demo", verbosity=0)
    from cms.exchange.records import RecordWriter
    from cms.site_tree import get_site

    writer, site = RecordWriter(publish=True), get_site()
    for n in tqdm(range(items), desc="generated notices"):
        writer.write({"type": "notice", "slug": f"bench-notice-{n}", "title": f"基准测试通知第{n}号",
                      "department": "明川市人民政府办公室", "topics": ["政务公开"], "priority": "normal",
                      "summary": "用于测量接口延迟的通知。", "body": "<p>正文</p>" * 20,
                      "published_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T09:00:00+08:00"}, site=site)


def measure(client, url: str, runs: int, mode: str) -> tuple[list[float], int]:
    from django.core.cache import cache

    etag = client.get(url)["ETag"]
    timings, size = [], 0
    for _ in range(runs):
        headers = {"HTTP_IF_NONE_MATCH": etag} if mode == "conditional" else {}
        if mode == "uncached render":
            cache.clear()
        started = time.perf_counter()
        response = client.get(url, **headers)
        timings.append((time.perf_counter() - started) * 1000)
        expected = 304 if mode == "conditional" else 200
        assert response.status_code == expected, (url, mode, response.status_code)
        size = len(response.content)
    return timings, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--items", type=int, default=200, help="generated notices on top of the demo content")
    args = parser.parse_args()
    setup(args.items)
    from django.test import Client

    from cms.models import ServiceGuidePage

    client = Client()
    guide = ServiceGuidePage.objects.live().first()
    endpoints = {"listing": "/api/v1/content/?page_size=20", "detail": f"/api/v1/content/{guide.pk}/"}
    print(f"content items: {client.get('/api/v1/content/').json()['count']}, runs per figure: {args.runs}")
    from django.conf import settings

    print(f"cache: {settings.CACHES['default']['BACKEND']}")
    print(f"{'endpoint':<9} {'mode':<16} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'p50 ×':>7} {'p95 ×':>7} {'bytes':>7}")
    for name, url in endpoints.items():
        baseline = None
        for mode in ("unconditional", "conditional", "uncached render"):
            timings, size = measure(client, url, args.runs, mode)
            p50, p95 = percentile(timings, 50), percentile(timings, 95)
            baseline = baseline or (p50, p95)
            print(f"{name:<9} {mode:<16} {p50:8.2f} {p95:8.2f} {statistics.fmean(timings):8.2f} "
                  f"{p50 / baseline[0]:7.2f} {p95 / baseline[1]:7.2f} {size:7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
