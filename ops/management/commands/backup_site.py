"""``manage.py backup_site DIR``: back up a running site into DIR - the database (SQLite online
backup or pg_dump), uploaded media (documents, images) and a manifest with the counts that
``restore_site`` checks. The search index is not copied: it is rebuilt from the database on
restore (the database holds every searchable document). Safe while the site serves."""
from __future__ import annotations

import json
import platform
from pathlib import Path

import django
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops import inventory
from ops.dbdump import dump_for
from ops.media import copy_tree, file_roots
from ops.progress import step

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class Command(BaseCommand):
    help = "备份整个网站（数据库、上传的文档和图片）到指定目录 / back up the site into DIR"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录（不存在则创建；已有备份时需加 --overwrite）")
        parser.add_argument("--overwrite", action="store_true", help="覆盖目录中已有的备份")

    def handle(self, *args, directory: str, overwrite: bool, **options):
        folder = Path(directory).resolve()
        if (folder / MANIFEST).exists() and not overwrite:
            raise CommandError(f"{folder} 中已有备份；换一个目录，或加 --overwrite 覆盖")
        folder.mkdir(parents=True, exist_ok=True)
        database = dump_for()
        self.stdout.write(f"==> 备份到 / backing up into {folder}")
        counts = inventory.counts()  # before the copy: the copy has at least this much
        with step(self.stdout, "数据库 / database", "pages") as progress:
            database.dump(folder, progress)
        copied = 0
        for name, root in file_roots().items():
            with step(self.stdout, f"文件 / files: {name}", "files") as progress:
                copied += copy_tree(root, folder / name, progress)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_engine": database.settings["ENGINE"],
            "database_file": database.file_name,
            "counts": counts,
            "file_roots": sorted(file_roots()),
            "django": django.get_version(),
            "python": platform.python_version(),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        summary = "，".join(f"{label} {count}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"备份完成 / backup done: {summary}；文件 {copied} 字节已复制"))
