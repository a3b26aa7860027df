"""Who may see which departments on the board and the statistics pages (read-only for everyone).

* superusers, members of ``OVERSIGHT_INSPECTOR_GROUPS`` (监察) and of ``OVERSIGHT_CITY_LEADER_GROUPS``
  (市领导), and holders of ``oversight.view_monitoreditem``: every department;
* members of a department's leaders group (``DepartmentLeaders``, e.g. 局领导): that department;
* anybody else: nothing (403).
"""
from __future__ import annotations

from django.conf import settings

ALL = None  # "every department"


def visible_departments(user):
    """``ALL``, or the set of department ids ``user`` may see (empty: none)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser or user.has_perm("oversight.view_monitoreditem"):
        return ALL
    group_names = set(user.groups.values_list("name", flat=True))
    if group_names & set(settings.OVERSIGHT_INSPECTOR_GROUPS) or group_names & set(settings.OVERSIGHT_CITY_LEADER_GROUPS):
        return ALL
    from oversight.models import DepartmentLeaders

    return set(DepartmentLeaders.objects.filter(group__user=user).values_list("department_id", flat=True))


def can_see_any(user) -> bool:
    departments = visible_departments(user)
    return departments is ALL or bool(departments)


def can_see(user, department_id) -> bool:
    departments = visible_departments(user)
    return departments is ALL or department_id in departments
