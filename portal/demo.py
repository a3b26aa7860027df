"""Demo data for the portal: the default widgets and layouts, and two officials with roles.

Idempotent: widgets are loaded only when none exist yet (an administrator's edits are kept), and
accounts are created once (their passwords are not reset).
"""
from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from config.demo import demo_password, register_demo_loader, shown_password
from portal.config_file import load
from portal.models import WidgetDefinition

DEFAULT_CONFIG = Path(__file__).parent / "fixtures" / "default_portal.yaml"
DEMO_PASSWORD = "mingchuan-portal-2026"
OFFICIALS = [
    # username, name, roles, department
    ("zhangwei", "张伟", ["审批人员", "办公室人员"], "明川市人民政府办公室"),
    ("lina", "李娜", ["12315受理员", "执法人员", "局领导"], "明川市市场监督管理局"),
]


def _set_department(user, name: str) -> None:
    """Put the official in a department when the CMS's department model is there."""
    from cms.models import Department, UserProfile

    department = Department.objects.filter(name=name).first()
    if department is None:
        return
    UserProfile.objects.update_or_create(user=user, defaults={"department": department})


@register_demo_loader(order=80)  # after the CMS's departments (order 10)
def load_portal_demo():
    lines = []
    if not WidgetDefinition.objects.exists():
        counts = load(DEFAULT_CONFIG)
        lines.append(f"门户：已载入 {counts['widgets']} 个组件、{counts['layouts']} 个默认布局")
    User = get_user_model()
    for username, name, roles, department in OFFICIALS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": name, "email": f"{username}@example.gov.cn"})
        if created:
            user.set_password(demo_password(DEMO_PASSWORD))
            user.save()
        user.groups.add(*[Group.objects.get_or_create(name=role)[0] for role in roles])
        _set_department(user, department)
        lines.append(f"门户演示账号：{username} / {shown_password(username, DEMO_PASSWORD)}（{name}，{'、'.join(roles)}，{department}）→ /portal/")
    return lines
