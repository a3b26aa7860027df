"""Remove personal data of items closed longer than INTERACTION_RETENTION_DAYS ago."""
from django.core.management.base import BaseCommand

from interaction.retention import purge


class Command(BaseCommand):
    help = "按保存期限删除已办结事项中的个人信息和附件 / Purge personal data past the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what would be purged")

    def handle(self, *args, dry_run=False, **options):
        counts = purge(dry_run=dry_run)
        verb = "would purge" if dry_run else "purged"
        self.stdout.write(f"{verb}: {counts['items']} items, {counts['attachments']} attachments, "
                          f"{counts['ratings']} ratings' contact details")
