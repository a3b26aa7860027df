"""``import_content FILE.jsonl [--site HOST] [--publish] [--user NAME]`` (shared/contracts §1)."""
from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Site

from cms.exchange.importer import ImportFailed, import_file


class Command(BaseCommand):
    help = "导入内容（JSON Lines，每行一条，符合 content.schema.json）；先校验整个文件，有错则不写入"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="JSON Lines 文件")
        parser.add_argument("--site", dest="site_host", help="导入到哪个站点（主机名），默认站点")
        parser.add_argument("--publish", action="store_true", help="直接发布；否则保存为草稿，走审批流程")
        parser.add_argument("--user", help="记录为操作人的用户名（默认：系统用户 content-import）")

    def handle(self, *args, file: Path, site_host: str | None, publish: bool, user: str | None, **options):
        if not file.is_file():
            raise CommandError(f"{file}: 文件不存在 / no such file")
        if site_host and not Site.objects.filter(hostname=site_host).exists():
            raise CommandError(f"--site {site_host}: 没有这个站点 / unknown site")
        acting_user = None
        if user:
            acting_user = get_user_model().objects.filter(username=user).first()
            if acting_user is None:
                raise CommandError(f"--user {user}: 没有这个用户 / unknown user")
        on_terminal = self.stdout.isatty() if hasattr(self.stdout, "isatty") else sys.stdout.isatty()

        def progress(records):
            if not on_terminal:
                return records
            return tqdm(records, desc="导入 / importing", unit="条", file=sys.stderr)

        try:
            result = import_file(file, site_host=site_host, publish=publish, user=acting_user,
                                 progress=progress)
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(problem.format(str(file)))
            raise CommandError(
                f"{len(failure.problems)} 处错误，未写入任何内容 / {len(failure.problems)} problem(s), nothing written",
                returncode=1) from None
        state = "已发布 / published" if publish else "草稿 / drafts"
        self.stdout.write(f"{file}: {result.total} 条记录已导入（新建 {result.created}，更新 {result.updated}，{state}）"
                          f" / {result.total} records imported ({result.created} new, {result.updated} updated)")
