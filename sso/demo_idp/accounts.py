"""The demo officials the demo IdP knows, with the attributes a 统一身份认证 typically sends.

``zhangwei`` and ``lina`` are the portal's demo officials (``portal/demo.py``): ``setup_demo``
links their local accounts to these identities, so signing in through the IdP reaches the same
account. ``wangfang`` exists only at the IdP: her account is made at her first sign-in
(just-in-time provisioning). Roles are IdP role values; ``sso.demo`` maps them onto groups.
"""
from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "mingchuan-portal-2026"


@dataclass(frozen=True)
class DemoOfficial:
    uid: str
    display_name: str
    department: str
    roles: tuple[str, ...]
    password: str = DEMO_PASSWORD

    @property
    def email(self) -> str:
        return f"{self.uid}@example.gov.cn"

    def attributes(self) -> dict[str, list[str]]:
        """SAML attributes, in the names of ``sso.mapping.DEFAULT_ATTRIBUTE_MAP``."""
        return {
            "uid": [self.uid],
            "mail": [self.email],
            "displayName": [self.display_name],
            "department": [self.department],
            "roles": list(self.roles),
        }


OFFICIALS: tuple[DemoOfficial, ...] = (
    DemoOfficial("zhangwei", "张伟", "明川市人民政府办公室", ("approver", "office_staff", "official")),
    DemoOfficial("lina", "李娜", "明川市市场监督管理局", ("complaints_agent", "law_enforcement", "bureau_leader", "official")),
    DemoOfficial("wangfang", "王芳", "明川市市场监督管理局", ("editor", "official")),
)


def find(uid: str) -> DemoOfficial | None:
    return next((official for official in OFFICIALS if official.uid == uid), None)


def authenticate(uid: str, password: str) -> DemoOfficial | None:
    import hmac

    official = find(uid.strip())
    if official and hmac.compare_digest(official.password.encode(), password.encode()):
        return official
    return None
