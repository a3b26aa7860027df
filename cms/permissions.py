"""Department scoping: per-department groups (编辑 / 审核 / 签发) with page permissions on that
department's sections only, and document permissions on that department's collection.

Roles are Django Groups (team decision); SSO maps IdP roles onto these group names."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from cms.models import Department, DepartmentSectionPage

STAFF_GROUP = "全市工作人员"  # every official; internal demo notices are restricted to it


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    page_permissions: tuple[str, ...]
    document_permissions: tuple[str, ...]


# Wagtail's permission model: "change_page" lets a user edit pages they can reach, "publish_page"
# lets them publish without review. Reviewers need change_page to open the page under review.
ROLES: dict[str, Role] = {
    "editor": Role("editor", "编辑", ("add_page", "change_page"),
                   ("add_document", "change_document", "choose_document")),
    "reviewer": Role("reviewer", "审核", ("change_page",), ("choose_document",)),
    "publisher": Role("publisher", "签发", ("add_page", "change_page", "publish_page", "lock_page",
                                          "unlock_page"),
                      ("add_document", "change_document", "choose_document", "delete_document")),
}


def short_name(department: Department) -> str:
    """明川市市场监督管理局 → 市场监督管理局 (group and collection names stay readable)."""
    return department.name.removeprefix("明川市") or department.name


def group_name(department: Department, role_key: str) -> str:
    return f"{short_name(department)}-{ROLES[role_key].label}"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def department_collection(department: Department) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=short_name(department)).first()
    return existing or root.add_child(name=short_name(department))


def ensure_staff_group() -> Group:
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    return group


def ensure_department_groups(department: Department) -> dict[str, Group]:
    """Create (or complete) the department's three groups and grant them their permissions on
    every section of the department and on its document collection. Idempotent."""
    access_admin = _permission("wagtailadmin", "access_admin")
    collection = department_collection(department)
    sections = list(DepartmentSectionPage.objects.filter(department=department))
    groups: dict[str, Group] = {}
    for role in ROLES.values():
        group, _ = Group.objects.get_or_create(name=group_name(department, role.key))
        group.permissions.add(access_admin)
        for section in sections:
            for codename in role.page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=section, permission=_permission("wagtailcore", codename))
        for codename in role.document_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission("wagtaildocs", codename))
        groups[role.key] = group
    return groups
