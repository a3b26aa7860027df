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


# --- the demo identity provider (sso/demo_idp), registered when SSO_DEMO_IDP_URL is set -----------
DEMO_IDP_SLUG = "demo"
# Roles the demo IdP sends for the portal's officials → the portal's role groups (portal/demo.py).
DEMO_IDP_ROLE_MAPPINGS: dict[str, tuple[str, ...]] = {
    "approver": ("审批人员",),
    "office_staff": ("办公室人员",),
    "complaints_agent": ("12315受理员",),
    "law_enforcement": ("执法人员",),
    "bureau_leader": ("局领导",),
}


@register_demo_loader(order=90)  # after the portal's officials and role groups (order 80)
def load_demo_idp():
    """Register the demo IdP as an identity provider, map its roles, link the local demo officials."""
    from allauth.socialaccount.models import SocialAccount
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from sso.demo_idp import accounts
    from sso.models import IdentityProvider, RoleMapping

    url = settings.SSO_DEMO_IDP_URL
    if not url or settings.IS_PRODUCTION:
        return []
    idp, created = IdentityProvider.objects.get_or_create(
        slug=DEMO_IDP_SLUG,
        defaults={"name": "明川市统一身份认证（演示）", "metadata_url": f"{url}/metadata"},
    )
    if not created and idp.metadata_url != f"{url}/metadata":
        idp.metadata_url = f"{url}/metadata"  # SSO_DEMO_IDP_URL moved
        idp.save(update_fields=["metadata_url", "updated_at"])
    for role, names in DEMO_IDP_ROLE_MAPPINGS.items():
        mapping, was_created = RoleMapping.objects.get_or_create(role=role, identity_provider=idp)
        if was_created:
            mapping.groups.set([Group.objects.get_or_create(name=name)[0] for name in names])
    User = get_user_model()
    for official in accounts.OFFICIALS:
        user = User.objects.filter(username=official.uid).first()
        if user is not None:  # a local demo account: the IdP identity signs in to it
            SocialAccount.objects.get_or_create(provider=DEMO_IDP_SLUG, uid=official.uid, defaults={"user": user})
    names = "、".join(f"{o.uid}（{o.display_name}）" for o in accounts.OFFICIALS)
    return [
        f"统一身份认证（演示）：{url}/ ，工作人员入口 /sso/login/?next=/portal/",
        f"  演示身份：{names}，密码 {accounts.DEMO_PASSWORD}；本地密码登录（应急）：/accounts/login/?local=1",
    ]
