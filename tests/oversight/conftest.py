"""Fixtures of the efficiency-monitoring tests: two departments with leader groups, personas."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from cms.models import Department
from oversight.models import DepartmentLeaders
from tests.cms.conftest import make_page, market, site, team  # noqa: F401 (shared CMS fixtures)
from tests.notifications.conftest import memory_sms  # noqa: F401


@pytest.fixture
def labour(db):
    return Department.objects.create(name="明川市人力资源和社会保障局", slug="rsj")


def person(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.test", "pw")
    user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in groups])
    return user


@pytest.fixture
def leaders(market, labour):
    """市场监管局 and 人社局 each with a leaders group and one leader."""
    for department, group_name in ((market, "市场监管局-领导"), (labour, "人社局-领导")):
        DepartmentLeaders.objects.create(department=department, group=Group.objects.get_or_create(name=group_name)[0])
    return {"market": person("scj_leader", "市场监管局-领导"), "labour": person("rsj_leader", "人社局-领导")}
