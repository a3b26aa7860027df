"""Efficiency board and statistics pages with 100,000 workflow items and 1,000,000 page-view rows.

Builds the data in a fresh database (SQLite under a temp dir by default; PostgreSQL when
``DATABASE_URL`` is set — use an empty database), then requests each page through the whole Django
stack (test client: middleware, auth, views, templates) ``--runs`` times as the 监察 user (who sees
every department) and reports mean, p50 and p95. Baseline, measured in the same run: the message
page (same login, same base template, no aggregation), so the ratio is what the aggregation costs.
"cold" is the first request after clearing the cache (every report computed); the runs after it
read reports from the cache (``OVERSIGHT_STATS_CACHE_SECONDS``), as repeated views do.

    .venv/bin/python bench/oversight_pages.py [--runs 20] [--items 100000] [--views 1000000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--views", type=int, default=1_000_000)
    parser.add_argument("--workdir", help="reuse the data built by an earlier run in this folder")
    args = parser.parse_args()
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="oversight-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.update({"VAR_DIR": str(workdir), "DEBUG": "false", "LOG_LEVEL": "ERROR", "ALLOWED_HOSTS": "testserver"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    built = time.perf_counter()
    from oversight.models import MonitoredItem

    if not MonitoredItem.objects.exists():
        build(args.items, args.views)
    print(f"data: {args.items} items, {args.views} page-view rows, built in {time.perf_counter() - built:.0f} s "
          f"({django.db.connection.vendor})")
    from django.contrib.auth.models import Group, User
    from django.test import Client

    user = User.objects.filter(username="bench-inspector").first() or User.objects.create_user("bench-inspector", password="x")
    user.groups.add(Group.objects.get_or_create(name="监察")[0])
    client = Client()
    client.force_login(user)
    from cms.models import Department

    department = Department.objects.first()
    pages = [
        ("baseline: message page", "/portal/messages/"),
        ("board, last 30 days", "/portal/oversight/"),
        ("board, one year", "/portal/oversight/?since=2025-12-03&until=2026-12-02"),
        ("board, one department", f"/portal/oversight/?department={department.pk}"),
        ("drill-down: late items", f"/portal/oversight/items/workflow/{department.pk}/?state=late"),
        ("statistics, last 30 days", "/portal/oversight/statistics/"),
        ("statistics, one year", "/portal/oversight/statistics/?since=2025-12-03&until=2026-12-02"),
        ("statistics, one department", f"/portal/oversight/statistics/?department={department.pk}"),
        ("export views by section, year (xlsx)", "/portal/oversight/statistics/views_by_section.xlsx?since=2025-12-03&until=2026-12-02"),
    ]
    from django.core.cache import cache

    results, cold = {}, {}
    for label, url in pages:
        cache.clear()  # the first request computes everything (reports are then cached)
        start = time.perf_counter()
        assert client.get(url).status_code == 200, url
        cold[label] = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        results[label] = times
    base = statistics.fmean(results[pages[0][0]])
    print(f"{'page':40} {'cold ms':>8} {'mean ms':>8} {'p50':>8} {'p95':>8} {'× baseline':>10}")
    for label, times in results.items():
        mean = statistics.fmean(times)
        print(f"{label:40} {cold[label]:8.1f} {mean:8.1f} {percentile(times, 50):8.1f} {percentile(times, 95):8.1f} "
              f"{mean / base:10.2f}")
    worst = max(percentile(times, 95) for label, times in results.items())
    print(f"worst p95: {worst:.0f} ms (target ≤ 300 ms)")
    return 0


def build(items: int, views: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from cms.models import Department
    from oversight.models import MonitoredItem, PageViewDaily

    rng = random.Random(7)
    departments = [Department.objects.create(name=f"明川市第{i}局", slug=f"dept{i}").pk for i in range(12)]
    now = timezone.now()
    with transaction.atomic():
        batch = []
        for n in range(items):
            started = now - dt.timedelta(days=rng.uniform(0, 365))
            due = started + dt.timedelta(days=rng.choice([1, 3, 5]))
            item = MonitoredItem(source="workflow", source_id=str(n), department_id=rng.choice(departments),
                                 title=f"事项{n}", step="科室审核", started_at=started, warn_at=started + (due - started) * 0.8,
                                 due_at=due)
            if rng.random() < 0.95 and started < now - dt.timedelta(days=1):
                item.finish(started + dt.timedelta(hours=rng.expovariate(1 / 40)))
                item.yellow_card = item.red_card or rng.random() < 0.1
            elif due < now:
                item.level, item.red_card = "red", True
            batch.append(item)
            if len(batch) == 10_000:
                MonitoredItem.objects.bulk_create(batch)
                batch = []
        MonitoredItem.objects.bulk_create(batch)
    today = timezone.localdate()
    days = 365
    paths_needed = max(views // days, 1)
    sections = ["services", "notices", "policies"]
    slugs = [f"dept{i}" for i in range(12)]
    paths = [f"/{sections[i % 3]}/{slugs[i % 12]}/item-{i}/" for i in range(paths_needed)]
    table = PageViewDaily._meta.db_table
    placeholder = "%s" if connection.vendor == "postgresql" else "?"
    sql = f"INSERT INTO {table} (day, path, section, views) VALUES ({', '.join([placeholder] * 4)})"
    with transaction.atomic(), connection.cursor() as cursor:
        written, rows = 0, []
        for back in range(days):
            day = (today - dt.timedelta(days=back)).isoformat()
            for path in paths:
                if written >= views:
                    break
                rows.append((day, path, path.split("/")[1], rng.randint(1, 300)))
                written += 1
                if len(rows) == 20_000:
                    cursor.executemany(sql, rows)
                    rows = []
        if rows:
            cursor.executemany(sql, rows)
    from oversight.rollups import rollup_page_views

    rollup_page_views(everything=True)  # what the periodic check keeps up to date
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    raise SystemExit(main())
