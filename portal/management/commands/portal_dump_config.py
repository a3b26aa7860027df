"""Write the portal's widgets and default layouts as YAML (or JSON), the format portal_load_config reads."""
from __future__ import annotations

import json

import yaml
from django.core.management.base import BaseCommand

from portal.config_file import dump


class Command(BaseCommand):
    help = "Print the portal configuration (widgets and default layouts) as YAML, or JSON with --json."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        data = dump()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), ending="")
