"""Load every app's demo data (idempotent) and print the demo accounts. Called by ``./run``.

Under the production settings it refuses unless given ``--allow-production``: demo content on a
government site is an incident, and the demo passwords are printed in the README. Even with the
flag, demo accounts get no password there (``config.demo.demo_password``)."""
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from config.demo import demo_loaders, production_settings


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会重复创建）/ Load demo content and accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true",
                            help="在生产配置下也载入演示数据（演示账号不设密码）")

    def handle(self, *args, allow_production: bool = False, **options):
        if production_settings() and not allow_production:
            raise CommandError(_("生产配置下拒绝载入演示数据；确需载入请加 --allow-production（演示账号不会设置密码）。"))
        autodiscover_modules("demo")
        lines: list[str] = []
        for loader in demo_loaders():
            with transaction.atomic():
                lines.extend(loader.load() or [])
        for line in lines:
            self.stdout.write(line)
