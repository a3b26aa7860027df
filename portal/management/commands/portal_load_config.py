"""Load portal widget definitions and default layouts from a YAML or JSON file (contracts §4)."""
from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.config_file import ConfigFileError, load


class Command(BaseCommand):
    help = "Validate, then load portal widgets and layouts from FILE (YAML or JSON). Writes nothing on any error."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")

    def handle(self, *args, file, check, **options):
        try:
            counts = load(Path(file), dry_run=check)
        except ConfigFileError as exc:
            for problem in exc.problems:
                sys.stderr.write(problem.format(file) + "\n")
            raise CommandError(f"{len(exc.problems)} problem(s) in {file}; nothing was written") from None
        verb = "valid" if check else "loaded"
        self.stdout.write(f"{file}: {verb} {counts['widgets']} widget(s), {counts['layouts']} layout(s)")
