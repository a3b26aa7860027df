"""SQLite under concurrent editing: 8 editors draft, submit and get approved through the admin of
a running ``./run`` installation (gunicorn 2 workers x 4 threads, task worker, periodic worker)
while ``import_content --publish`` writes 80 notices beside them (tests/ops/test_concurrent_editors).

Baseline in the same run, on a copy of the same site: the SQLite settings before issue 12
(deferred transactions, 20 s timeout; ``bench/sqlite_deferred_settings.py``). Then the current
embedded settings (``IMMEDIATE`` write transactions, busy timeout, WAL, synchronous=NORMAL).

    .venv/bin/python bench/sqlite_concurrency.py [--rounds 2]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"):
    os.environ.pop(name, None)  # SQLite, local memory, database search: the embedded default

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")  # for the form helpers only
import django  # noqa: E402

django.setup()

from tests.ops.conftest import EDITOR_PASSWORD, EDITORS  # noqa: E402
from tests.ops.installation import Installation  # noqa: E402
from tests.ops.test_concurrent_editors import editorial_load  # noqa: E402

CONFIGURATIONS = [("before: deferred, timeout 20 s (baseline)", "bench.sqlite_deferred_settings"),
                  ("now: IMMEDIATE, busy timeout, WAL", "config.settings.embedded")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sqlite-bench-") as tmp:
        template = Installation(Path(tmp) / "template", static_root=Path(tmp) / "static", kind="sqlite")
        template.build()
        template.add_editors(EDITORS, EDITOR_PASSWORD)
        print(f"{'configuration':44} {'round':>5} {'failed actions':>15} {'locked':>7} {'import':>7} {'live':>9} {'s':>6}")
        for label, module in CONFIGURATIONS:
            for n in range(args.rounds):
                work = Path(tmp) / f"{module}-{n}"
                site = template.clone(work)
                site.settings_module = module
                result = editorial_load(site, work)
                live = f"{result['live']['editors']}+{result['live']['imported']}"
                print(f"{label:44} {n + 1:>5} {len(result['problems']):>15} {result['locked']:>7} "
                      f"{'ok' if result['import_status'] == 0 else 'FAILED':>7} {live:>9} {result['seconds']:6.1f}", flush=True)
                for problem in result["problems"][:3]:
                    print(f"    {problem[:160]}")


if __name__ == "__main__":
    main()
