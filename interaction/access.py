"""Who may see and do what with items: department-limited access, one rule per question.

* An official belongs to a department through ``UserProfile.department`` or through one of the
  department's groups (``<部门>-编辑/审核/签发``, made by ``cms.permissions``).
* Officials see and handle only their departments' items; administrators (superusers) see all.
* Signing off an answer needs the department's 签发 group (``<部门>-签发``).
* Items sent to "don't know" go to the dispatch department (``INTERACTION_DISPATCH_DEPARTMENT``,
  the city government's office), whose officials transfer them.
"""
from __future__ import annotations

from django.conf import settings

from cms.permissions import group_name, short_name


def departments_of(user):
    """The departments whose items ``user`` handles (a queryset)."""
    from cms.models import Department

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    ids = set(Department.objects.filter(members__user=user).values_list("pk", flat=True))
    group_names = set(user.groups.values_list("name", flat=True))
    if group_names:
        for department in Department.objects.all():
            prefix = short_name(department) + "-"
            if any(name.startswith(prefix) for name in group_names):
                ids.add(department.pk)
    return Department.objects.filter(pk__in=ids)


def visible_items(user):
    from interaction.models import Interaction

    if getattr(user, "is_superuser", False):
        return Interaction.objects.all()
    return Interaction.objects.filter(department__in=departments_of(user))


def can_handle(user, item) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return item.department_id is not None and departments_of(user).filter(pk=item.department_id).exists()


def can_sign_off(user, item) -> bool:
    if not can_handle(user, item):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=group_name(item.department, "publisher")).exists()


def signers_of(department):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=group_name(department, "publisher"), is_active=True)


def members_of(department):
    """Officials of ``department`` (for assigning items)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(profile__department=department) | Q(groups__name__startswith=short_name(department) + "-"))
            .distinct().order_by("username"))


def dispatch_department():
    from cms.models import Department

    slug = settings.INTERACTION_DISPATCH_DEPARTMENT
    return Department.objects.filter(slug=slug).first() if slug else None
