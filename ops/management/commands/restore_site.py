"""``manage.py restore_site DIR``: restore a backup made by ``backup_site`` into this
installation (its DATABASE_URL and MEDIA_ROOT), bring the schema up to date, rebuild the search
index from the database, and check that every counted thing (pages, revisions, audit entries,
documents, images, layouts, ...) is there. Stop the web and worker processes first.

Into an installation that already has accounts it refuses unless ``--replace`` is given: a
restore replaces the whole database."""
from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ops import inventory
from ops.dbdump import dump_for
from ops.media import copy_tree, file_roots
from ops.progress import step

MANIFEST = "manifest.json"


class Command(BaseCommand):
    help = "从 backup_site 的备份恢复网站，并重建搜索索引、核对数量 / restore a backup"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="backup_site 写出的备份目录")
        parser.add_argument("--replace", action="store_true", help="目标已有数据时也恢复（整个替换）")

    def handle(self, *args, directory: str, replace: bool, **options):
        folder = Path(directory).resolve()
        manifest = self.read_manifest(folder)
        database = dump_for()
        if database.settings["ENGINE"] != manifest["database_engine"]:
            raise CommandError(f"备份来自 {manifest['database_engine']}，当前数据库是 {database.settings['ENGINE']}："
                               "请用同类数据库恢复（或先用 export_content / import_content 迁移内容）")
        if not replace and self.has_accounts():
            raise CommandError("目标网站已有账号和数据；确认要整个替换请加 --replace")
        self.stdout.write(f"==> 从 {folder} 恢复 / restoring (备份时间 {manifest['created_at']})")
        with step(self.stdout, "数据库 / database", "pages") as progress:
            database.restore(folder, progress)
        for name, root in file_roots().items():
            with step(self.stdout, f"文件 / files: {name}", "files") as progress:
                copy_tree(folder / name, root, progress)
        self.stdout.write("==> 数据库结构 / migrating")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("==> 重建搜索索引 / rebuilding the search index from the database")
        call_command("rebuild_search_index", stdout=self.stdout._out, stderr=self.stderr._out)
        missing = inventory.differences(manifest["counts"], inventory.counts())
        if missing:
            raise CommandError("恢复后的数据与备份不一致：\n  " + "\n  ".join(missing))
        self.stdout.write(self.style.SUCCESS("恢复完成，数量核对一致 / restore done, counts match"))

    def read_manifest(self, folder: Path) -> dict:
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{folder} 不是 backup_site 的备份（没有 {MANIFEST}）") from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"{folder / MANIFEST} 已损坏：{exc}") from None
        if not (folder / manifest.get("database_file", "")).is_file():
            raise CommandError(f"备份不完整：缺少数据库文件 {manifest.get('database_file')}")
        return manifest

    def has_accounts(self) -> bool:
        try:
            return get_user_model().objects.exists()
        except DatabaseError:  # no tables yet: an empty installation
            return False
