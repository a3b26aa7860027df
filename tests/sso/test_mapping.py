"""Attribute mapping and group planning: pure functions, no database."""
from __future__ import annotations

import pytest

from sso.mapping import (
    DEFAULT_ATTRIBUTE_MAP,
    Claims,
    allauth_attribute_mapping,
    claims_from_attributes,
    groups_for_roles,
    plan_group_changes,
    validate_attribute_map,
)

SSP_ATTRIBUTES = {
    "uid": ["lina"],
    "mail": ["lina@scjgj.example.gov.cn"],
    "displayName": ["李娜"],
    "department": ["市场监督管理局"],
    "roles": ["editor", "reviewer", "portal_user"],
}


def test_it_keeps_every_role_value():
    claims = claims_from_attributes(SSP_ATTRIBUTES, DEFAULT_ATTRIBUTE_MAP)
    assert claims == Claims("lina", "lina@scjgj.example.gov.cn", "李娜", "市场监督管理局", ("editor", "reviewer", "portal_user"))


def test_it_merges_roles_from_several_attributes_without_duplicates():
    claims = claims_from_attributes(
        {"uid": ["u"], "roles": ["editor", " editor ", ""], "role": ["reviewer", "editor"]},
        {"uid": "uid", "roles": "roles", "role": "roles"},
    )
    assert claims.roles == ("editor", "reviewer")


def test_first_mapped_attribute_wins_for_single_values():
    claims = claims_from_attributes({"cn": ["CN"], "displayName": ["显示名"], "uid": ["u"]},
                                    {"uid": "uid", "displayName": "display_name", "cn": "display_name"})
    assert claims.display_name == "显示名"


def test_it_falls_back_to_the_name_id_for_uid():
    assert claims_from_attributes({}, DEFAULT_ATTRIBUTE_MAP, name_id="x@example.gov.cn").uid == "x@example.gov.cn"


def test_it_refuses_a_user_without_any_identifier():
    with pytest.raises(ValueError):
        claims_from_attributes({"mail": ["a@b.c"]}, {"mail": "email"})


def test_it_cuts_overlong_values():
    assert len(claims_from_attributes({"uid": ["u" * 500]}, {"uid": "uid"}).uid) == 150


@pytest.mark.parametrize("bad", [[], {"mail": "phone"}, {"": "uid"}, "uid"])
def test_it_rejects_bad_attribute_maps(bad):
    with pytest.raises(ValueError):
        validate_attribute_map(bad)


def test_allauth_shape_keeps_only_uid_and_email():
    assert allauth_attribute_mapping({"uid": "uid", "mail": "email", "roles": "roles"}) == {"uid": ["uid"], "email": ["mail"]}


def test_groups_for_roles_ignores_unknown_roles():
    mapping = {"editor": ["编辑"], "reviewer": ["审核", "工作人员"]}
    assert groups_for_roles(["editor", "reviewer", "hacker"], mapping) == {"编辑", "审核", "工作人员"}


def test_plan_removes_only_managed_groups_no_longer_granted():
    to_add, to_remove = plan_group_changes(
        current={"编辑", "审核", "手工"}, granted={"编辑", "发布"}, managed={"编辑", "审核", "发布"}
    )
    assert (to_add, to_remove) == ({"发布"}, {"审核"})
