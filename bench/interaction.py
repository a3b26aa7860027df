"""Citizen interaction benchmark: submission p95, and the department queue with 10,000 items.

Measured in one run, through the whole Django stack (middleware, forms, transaction, audit log,
message-centre deliveries), against baselines measured alongside:

1. ``POST /api/v1/interactions/`` (validate, allocate a tracking number, store, audit log, queue
   the citizen's e-mail and SMS) against ``GET /api/v1/departments/`` (a small read of the same
   API): mean, p50, p95 and the p95 ratio;
2. the queue page ``/admin/interaction/`` of a department holding ``--items`` items (default
   10,000, open and closed mixed; 50 rows a page, ordered by deadline, filters applied in the
   database) against the same page with 100 items: the ratio says whether the page grows with the
   queue (it should not: paging and indexes).

    .venv/bin/python bench/interaction.py [--runs 100] [--items 10000]
    DATABASE_URL=postgres://... .venv/bin/python bench/interaction.py   # on PostgreSQL
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


def summary(values: list[float]) -> dict[str, float]:
    return {"mean": statistics.fmean(values), "p50": percentile(values, 50), "p95": percentile(values, 95)}


def timed(call, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        response = call()
        out.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 201), (response.status_code, response.content[:300])
    return out


def show(label: str, stats: dict[str, float]) -> None:
    print(f"  {label:<44} mean {stats['mean']:7.1f} ms  p50 {stats['p50']:7.1f} ms  p95 {stats['p95']:7.1f} ms")


def fill_queue(department, count: int) -> None:
    """``count`` items in the department, in every state, with their deadlines (bulk, no log)."""
    import datetime as dt

    from django.utils import timezone

    from interaction.deadlines import deadline_for
    from interaction.models import Interaction
    from interaction.status import Status

    states = list(Status.values)
    now = timezone.now()
    batch = []
    existing = Interaction.objects.count()
    for n in range(count):
        submitted = now - dt.timedelta(hours=n % (24 * 40))
        batch.append(Interaction(
            kind=("consultation", "complaint", "suggestion", "help")[n % 4], department=department,
            subject=f"压测事项 {n}", content="内容" * 20, name="张三", phone="13800000000",
            tracking_number=f"B{existing + n:014d}", query_code_hash="x", status=states[n % len(states)],
            time_limit_days=5, deadline=deadline_for(submitted, 5), submitted_at=submitted, privacy_consent=True))
    Interaction.objects.bulk_create(batch, batch_size=1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="interaction-bench-"))
    # dev settings: notifications are queued for the task worker (database backend), as in
    # production, instead of being sent inside the request as the test settings do
    (workdir / "static").mkdir()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.update({"VAR_DIR": str(workdir), "LOG_LEVEL": "ERROR", "DELIVERY_RATE_LIMIT": "0", "DEBUG": "false",
                       "ALLOWED_HOSTS": "testserver",
                       "INTERACTION_SUBMIT_RATE": "0/3600", "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"})
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    else:  # a throwaway database on the given server
        from django.test.utils import setup_databases

        setup_databases(verbosity=0, interactive=False)
    from cms.models import Department, UserProfile
    from cms.permissions import ensure_department_groups
    from django.contrib.auth import get_user_model

    small = Department.objects.create(name="基准部门", slug="bench-small")
    big = Department.objects.create(name="大队列部门", slug="bench-big")
    users = {}
    for department in (small, big):
        user = get_user_model().objects.create_user(f"u-{department.slug}", password="x")
        UserProfile.objects.update_or_create(user=user, defaults={"department": department})
        user.groups.add(ensure_department_groups(department)["editor"])
        users[department.slug] = user
    fill_queue(small, 100)
    start = time.perf_counter()
    fill_queue(big, args.items)
    print(f"interaction benchmark ({connection.vendor}, {args.runs} runs; {args.items} items loaded in "
          f"{time.perf_counter() - start:.1f} s)")

    client = Client()
    body = {"kind": "consultation", "department": "bench-small", "subject": "基准测试提交",
            "content": "这是一条用于测量提交耗时的咨询内容。", "name": "测试", "phone": "13800000000",
            "email": "bench@example.com", "publish_consent": False, "privacy_consent": True}
    for _ in range(5):  # warm up both
        client.get("/api/v1/departments/")
        client.post("/api/v1/interactions/", body, content_type="application/json")
    baseline = summary(timed(lambda: client.get("/api/v1/departments/"), args.runs))
    submit = summary(timed(lambda: client.post("/api/v1/interactions/", body, content_type="application/json"), args.runs))
    print("1. submission")
    show("GET /api/v1/departments/ (baseline)", baseline)
    show("POST /api/v1/interactions/", submit)
    print(f"  p95 ratio submission / baseline: {submit['p95'] / baseline['p95']:.2f}")

    print(f"2. department queue page (50 rows, open items by deadline)")
    results = {}
    for slug, label in (("bench-small", "100 items (baseline)"), ("bench-big", f"{args.items} items")):
        official = Client()
        official.force_login(users[slug])
        official.get("/admin/interaction/")
        runs = max(10, args.runs // 3)
        results[slug] = summary(timed(lambda: official.get("/admin/interaction/"), runs))
        show(f"queue, {label}", results[slug])
        overdue = summary(timed(lambda: official.get("/admin/interaction/?deadline=overdue"), runs))
        show(f"queue, {label}, overdue filter", overdue)
    print(f"  p95 ratio {args.items} items / 100 items: {results['bench-big']['p95'] / results['bench-small']['p95']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
