"""Content import benchmark: ``import_content`` of N generated records (default 1,000) on the
embedded default (SQLite in a fresh temporary directory, database task queue, database search).

Baselines measured in the same run, on the same records:

1. validation alone (JSON + content.schema.json + semantic checks): the floor of any import;
2. plain ORM creation of the same pages (``add_child`` with the same fields, no revision,
   no log entry, no workflow state): what Wagtail's tree insert costs by itself.

Then the command itself: into an empty site (drafts), the same file again (every record an
update = a new revision), and with ``--publish`` into another empty site.

    .venv/bin/python bench/import_content.py [--records 1000]
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEPARTMENTS = ["明川市市场监督管理局", "明川市人力资源和社会保障局", "明川市公安局", "明川市住房公积金管理中心",
               "明川市人民政府办公室", "明川市卫生健康委员会"]
TOPICS = ["市场准入", "营商环境", "社会保障", "就业创业", "户籍管理", "住房保障", "医疗卫生", "交通出行"]


def generate(count: int) -> list[dict]:
    """Realistic-sized records: a third of each type, every element of a service guide filled."""
    records = []
    for n in range(count):
        department = DEPARTMENTS[n % len(DEPARTMENTS)]
        common = {"slug": f"bench-{n:05d}", "department": department,
                  "topics": [TOPICS[n % len(TOPICS)], TOPICS[(n + 3) % len(TOPICS)]],
                  "published_at": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}T09:00:00+08:00",
                  "summary": f"第{n}号事项的摘要，说明适用范围和办理要求。",
                  "body": "<p>" + "本事项依法办理，申请人应当如实提交材料。" * 8 + "</p><h2>办理须知</h2><ul><li>材料齐全当场受理</li></ul>"}
        kind = n % 3
        if kind == 0:
            records.append({"type": "service_guide", "title": f"办事指南{n}：经营许可", **common,
                            "audience": ["个人", "法人"], "item_code": f"330100-BENCH-{n:05d}", "item_type": "行政许可",
                            "legal_basis": "《中华人民共和国行政许可法》", "conditions": "符合法定条件。",
                            "materials": [{"name": f"材料{i}", "form": "原件", "copies": 1, "required": i < 3} for i in range(5)],
                            "procedure": [{"name": step, "description": f"{step}环节说明"} for step in ("申请", "受理", "审核", "决定", "送达")],
                            "statutory_time_limit_days": 20, "promised_time_limit_days": 5, "fees": "不收费",
                            "locations": [{"name": "明川市政务服务中心", "address": "江滨大道200号", "hours": "工作日", "phone": "12345"}],
                            "online_url": "https://zwfw.example/x", "consultation_phone": "12345", "complaint_phone": "12345",
                            "faqs": [{"question": f"问题{i}？", "answer": f"解答{i}。"} for i in range(3)]})
        elif kind == 1:
            records.append({"type": "notice", "title": f"通知公告{n}", **common, "priority": "normal",
                            "expires_at": "2030-01-01T00:00:00+08:00"})
        else:
            records.append({"type": "policy", "title": f"政策文件{n}", **common, "doc_number": f"明市监规〔2025〕{n}号",
                            "index_number": f"11330100/2025-{n:05d}", "written_at": "2025-01-02",
                            "effective_at": "2025-02-01", "status": "有效", "theme_category": "工商"})
    return records


def fresh_database(workdir: Path, name: str) -> None:
    """Point Django at a new SQLite file and migrate it (between measurements, not inside)."""
    from django.core.management import call_command
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(workdir / f"{name}.sqlite3")
    call_command("migrate", verbosity=0)


def timed(label: str, func) -> float:
    started = time.perf_counter()
    func()
    elapsed = time.perf_counter() - started
    print(f"  {label:<58} {elapsed:8.2f} s", flush=True)
    return elapsed


def orm_baseline(records: list[dict]) -> None:
    """The same pages through the ORM and treebeard only (no revisions, logs or workflow)."""
    from django.db import transaction
    from django.utils.dateparse import parse_date, parse_datetime

    from cms.exchange.fields import COMMON_FIELDS, LIST_FIELDS, TYPE_FIELDS
    from cms.models import CONTENT_TYPES, Department, Topic
    from cms.site_tree import ensure_section, get_site, index_for

    site = get_site()
    with transaction.atomic():
        sections, departments, topics = {}, {}, {}
        for record in records:
            model = CONTENT_TYPES[record["type"]]
            name = record["department"]
            if name not in departments:
                departments[name] = Department.objects.get_or_create_by_name(name)[0]
            key = (model, name)
            if key not in sections:
                sections[key] = ensure_section(index_for(site, model), departments[name])
            values = {}
            for field in COMMON_FIELDS + TYPE_FIELDS[record["type"]]:
                if field in record:
                    value = record[field]
                    if field in ("published_at", "expires_at"):
                        value = parse_datetime(value)
                    elif field in ("written_at", "effective_at"):
                        value = parse_date(value)
                    values[field] = value
            for field, block in LIST_FIELDS[record["type"]].items():
                values[field] = [(block, item) for item in record.get(field, [])]
            page = model(slug=record["slug"] + "-orm", department=departments[name], live=False, **values)
            page.topics.set([topics.setdefault(t, Topic.objects.get_or_create_by_name(t)[0]) for t in record["topics"]])
            sections[key].add_child(instance=page)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(workdir),
                       "DEBUG": "false", "LOG_LEVEL": "ERROR", "REDIS_URL": ""})
    os.environ.pop("DATABASE_URL", None)  # the embedded default: SQLite
    import django

    django.setup()
    from django.core.management import call_command

    from cms.exchange.validation import parse_file

    records = generate(args.records)
    path = workdir / "bench.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    n = len(records)
    print(f"import_content benchmark: {n} records ({path.stat().st_size / 1024:.0f} KiB), SQLite in {workdir}")

    def command(*extra):
        call_command("import_content", str(path), *extra, stdout=io.StringIO(), stderr=io.StringIO())

    fresh_database(workdir, "validate")
    t_validate = timed("baseline 1: validation alone", lambda: parse_file(path))
    fresh_database(workdir, "orm")
    t_orm = timed("baseline 2: plain ORM + tree insert (no revisions)", lambda: orm_baseline(records))
    fresh_database(workdir, "drafts")
    t_drafts = timed("import_content into an empty site (drafts)", command)
    t_update = timed("import_content again (every record a new revision)", command)
    fresh_database(workdir, "publish")
    t_publish = timed("import_content --publish into an empty site", lambda: command("--publish"))

    print()
    print(f"  {'':<40} {'records/s':>10} {'× validation':>13} {'× plain ORM':>12}")
    for label, seconds in [("validation alone", t_validate), ("plain ORM", t_orm), ("import (drafts)", t_drafts),
                           ("re-import (updates)", t_update), ("import --publish", t_publish)]:
        print(f"  {label:<40} {n / seconds:10.0f} {seconds / t_validate:13.1f} {seconds / t_orm:12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
