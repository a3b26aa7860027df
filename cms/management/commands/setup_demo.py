"""Load every app's demo data (idempotent) and print the demo accounts. Called by ``./run``."""
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from config.demo import demo_loaders


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会重复创建）/ Load demo content and accounts (idempotent)."

    def handle(self, *args, **options):
        autodiscover_modules("demo")
        lines: list[str] = []
        for loader in demo_loaders():
            with transaction.atomic():
                lines.extend(loader.load() or [])
        for line in lines:
            self.stdout.write(line)
