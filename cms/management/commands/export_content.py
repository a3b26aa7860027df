"""``export_content [--type T] [--output FILE] [--live] > FILE.jsonl`` (shared/contracts §1)."""
from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.exchange.exporter import dumps, export_records
from cms.models import CONTENT_TYPES


class Command(BaseCommand):
    help = "导出内容为 JSON Lines（与 import_content 相同的格式）"

    def add_arguments(self, parser):
        parser.add_argument("--type", action="append", choices=sorted(CONTENT_TYPES), dest="types",
                            help="只导出这些类型（可重复）")
        parser.add_argument("--output", type=Path, help="写入文件（附件复制到同目录 attachments/）；默认标准输出")
        parser.add_argument("--attachments-dir", type=Path,
                            help="输出到标准输出时，把附件复制到此目录（应是 JSONL 文件所在目录）")
        parser.add_argument("--live", action="store_true", help="只导出已发布的版本（默认导出最新版本，含草稿）")

    def handle(self, *args, types, output: Path | None, attachments_dir: Path | None, live: bool, **options):
        if output and attachments_dir:
            raise CommandError("--output 与 --attachments-dir 只能选一个")
        base = output.parent if output else attachments_dir
        not_copied: list[str] = []
        records = export_records(types, live_only=live, attachments_to=base, not_copied=not_copied)
        if output:
            count = 0
            with output.open("w", encoding="utf-8") as handle:
                for record in tqdm(records, desc="导出 / exporting", unit="条", file=sys.stderr,
                                   disable=not sys.stderr.isatty()):
                    handle.write(dumps(record) + "\n")
                    count += 1
            self.stderr.write(f"{output}: {count} 条记录已导出 / {count} records exported")
            return
        count = 0
        for record in records:
            self.stdout.write(dumps(record))
            count += 1
        self.stderr.write(f"{count} 条记录已导出 / {count} records exported")
        if not_copied:
            self.stderr.write(f"注意：{len(not_copied)} 个附件未复制（使用 --attachments-dir 或 --output）"
                              f" / {len(not_copied)} attachment file(s) not copied")
