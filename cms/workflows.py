"""The editorial workflow of a department: 起草 (the editor's draft) → 科室审核 → 办公室签发.

Created once per department and assigned to every section of that department; after that it
is the administrator's to change in the admin (设置 → 工作流), so this module never overwrites
tasks or groups that already exist."""
from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.models import Department, DepartmentSectionPage
from cms.permissions import ensure_department_groups, short_name

# (task suffix, role whose group approves it), in order
STEPS = [("科室审核", "reviewer"), ("办公室签发", "publisher")]


def workflow_name(department: Department) -> str:
    return f"{short_name(department)}发布审批"


def _task(name: str, group: Group) -> GroupApprovalTask:
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([group])
    return task


def ensure_department_workflow(department: Department, groups: dict[str, Group]) -> Workflow:
    """The department's workflow (created with its two approval steps when missing), assigned to
    each of its sections that has no workflow yet."""
    workflow = Workflow.objects.filter(name=workflow_name(department)).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name(department), active=True)
        for order, (suffix, role) in enumerate(STEPS):
            task = _task(f"{short_name(department)}{suffix}", groups[role])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    for section in DepartmentSectionPage.objects.filter(department=department):
        WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
    return workflow


def setup_department(department: Department) -> Workflow:
    """Groups, permissions and workflow of one department (idempotent)."""
    return ensure_department_workflow(department, ensure_department_groups(department))


def setup_all_departments() -> list[Workflow]:
    return [setup_department(department) for department in Department.objects.all()]
