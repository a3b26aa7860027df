"""Apply the retention settings now (the scheduler worker does it hourly by itself)."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from config.retention import purge_expired


class Command(BaseCommand):
    help = "按保留期限删除或匿名化个人数据（搜索记录、登录审计中的地址、浏览器和用户名）"

    def handle(self, *args, **options):
        for name, count in purge_expired().items():
            self.stdout.write(f"{name}: {count}")
