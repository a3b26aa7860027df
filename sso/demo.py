"""Demo role mappings: the roles the test IdP (and a typical 统一身份认证) sends, mapped onto the
CMS's department groups for 市场监督管理局 and the city-wide staff group. Idempotent."""
from __future__ import annotations

from django.contrib.auth.models import Group

from config.demo import register_demo_loader

# IdP role value → group names (created by the CMS demo loader; missing groups are skipped).
DEMO_ROLE_MAPPINGS: dict[str, tuple[str, ...]] = {
    "editor": ("市场监督管理局-编辑", "全市工作人员"),
    "reviewer": ("市场监督管理局-审核", "全市工作人员"),
    "publisher": ("市场监督管理局-签发", "全市工作人员"),
    "official": ("全市工作人员",),
    "portal_user": ("全市工作人员",),
}


@register_demo_loader(order=60)  # after the CMS's departments and groups (order 10)
def load_sso_demo():
    from sso.models import RoleMapping

    created = 0
    for role, names in DEMO_ROLE_MAPPINGS.items():
        groups = list(Group.objects.filter(name__in=names))
        if not groups:
            continue
        mapping, was_created = RoleMapping.objects.get_or_create(role=role, identity_provider=None)
        if was_created:
            mapping.groups.set(groups)
            created += 1
    return [f"统一身份认证角色映射：新增 {created} 条（后台“统一身份认证 → 角色映射”可修改）"] if created else []
