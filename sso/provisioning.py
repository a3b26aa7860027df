"""Just-in-time provisioning: bring a user in line with what the IdP said at this login.

Called by the social-account adapter for a new user (after it is saved) and for a returning one
(before the login completes). Name and e-mail, the department (``cms.UserProfile``) and the groups
granted by roles are all rewritten on every login, so a role the IdP no longer sends is removed.
"""
from __future__ import annotations

import logging

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q

from sso.mapping import Claims, groups_for_roles, plan_group_changes

logger = logging.getLogger(__name__)


def role_group_map(idp_slug: str) -> dict[str, set[str]]:
    """``{role: {group names}}`` from the admin's RoleMapping rows for this IdP (and global rows)."""
    from sso.models import RoleMapping

    result: dict[str, set[str]] = {}
    rows = RoleMapping.objects.filter(Q(identity_provider__isnull=True) | Q(identity_provider__slug=idp_slug))
    for role, group_name in rows.values_list("role", "groups__name"):
        if group_name:
            result.setdefault(role, set()).add(group_name)
    return result


def managed_group_names() -> set[str]:
    """Groups that some role mapping grants: SSO adds and removes these, and only these."""
    from sso.models import RoleMapping

    return set(RoleMapping.groups.through.objects.values_list("group__name", flat=True))


def apply_user_fields(user, claims: Claims) -> list[str]:
    """Copy name and e-mail onto the user; return the changed field names."""
    changed = []
    # Chinese names are not split into given/family name: the whole display name is kept.
    wanted = {"first_name": claims.display_name, "last_name": "", "email": claims.email}
    for field_name, value in wanted.items():
        if value is None:
            continue
        if field_name == "email" and not value:
            continue  # keep a known address rather than blank it
        if getattr(user, field_name) != value:
            setattr(user, field_name, value)
            changed.append(field_name)
    return changed


def sync_groups(user, claims: Claims, idp_slug: str) -> tuple[set[str], set[str]]:
    granted = groups_for_roles(claims.roles, role_group_map(idp_slug))
    current = set(user.groups.values_list("name", flat=True))
    to_add, to_remove = plan_group_changes(current, granted, managed_group_names())
    if to_add:
        user.groups.add(*Group.objects.filter(name__in=to_add))
    if to_remove:
        user.groups.remove(*Group.objects.filter(name__in=to_remove))
    return to_add, to_remove


def sync_profile(user, claims: Claims) -> bool:
    """Write department, display name and uid onto ``cms.UserProfile`` (the portal reads them).

    Departments are the CMS's taxonomy: an unknown name is created (the IdP is the authority on
    who works where).
    """
    profile_model = apps.get_model("cms", "UserProfile")
    department_model = apps.get_model("cms", "Department")
    department = department_model.objects.get_or_create_by_name(claims.department)[0] if claims.department else None
    profile, _ = profile_model.objects.get_or_create(user=user)
    profile.department = department
    profile.display_name = claims.display_name[:100]
    uid_taken = profile_model.objects.filter(uid=claims.uid).exclude(pk=profile.pk).exists()
    if uid_taken:
        logger.warning("sso: uid %r already belongs to another profile; not copied to %s", claims.uid, user.get_username())
    else:
        profile.uid = claims.uid
    profile.save()
    return True


@transaction.atomic
def sync_user(user, claims: Claims, idp_slug: str) -> None:
    """Rewrite the user's name, e-mail, department and managed groups from ``claims``."""
    changed = apply_user_fields(user, claims)
    if changed and user.pk:
        user.save(update_fields=changed)
    added, removed = sync_groups(user, claims, idp_slug)
    sync_profile(user, claims)
    if added or removed:
        logger.info("sso: %s groups +%s -%s", user.get_username(), sorted(added), sorted(removed))
