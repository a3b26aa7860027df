"""Create the per-department groups, section permissions and approval workflows (idempotent)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.workflows import setup_all_departments


class Command(BaseCommand):
    help = "为每个部门创建编辑/审核/签发用户组、栏目权限和审批工作流（可重复运行）"

    def handle(self, *args, **options):
        with transaction.atomic():
            workflows = setup_all_departments()
        for workflow in workflows:
            steps = " → ".join(["起草", *(task.name for task in workflow.tasks)])
            self.stdout.write(f"{workflow.name}: {steps}")
