"""From SAML attributes to the user's claims and groups: pure functions, no database, no request.

An attribute map is plain data, ``{IdP attribute name: claim}`` (contract §3 ``SAML_ATTRIBUTE_MAP``),
e.g. ``{"mail": "email", "roles": "roles"}``. Several IdP attributes may feed one claim: for a
single-valued claim the first one the IdP sent wins (in map order); ``roles`` collects every value
of every attribute mapped to it, because allauth's own mapping keeps only the first value and an
official with ``roles=[editor, reviewer]`` must not silently lose ``reviewer``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from django.utils.translation import gettext

CLAIMS = ("uid", "email", "display_name", "department", "roles")
MULTI_VALUED = frozenset({"roles"})

# Names used by SimpleSAMLphp, Shibboleth (basic and urn:oid forms) and ADFS-style claims.
DEFAULT_ATTRIBUTE_MAP: dict[str, str] = {
    "uid": "uid",
    "urn:oid:0.9.2342.19200300.100.1.1": "uid",
    "mail": "email",
    "email": "email",
    "urn:oid:0.9.2342.19200300.100.1.3": "email",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": "email",
    "displayName": "display_name",
    "urn:oid:2.16.840.1.113730.3.1.241": "display_name",
    "cn": "display_name",
    "department": "department",
    "ou": "department",
    "urn:oid:2.5.4.11": "department",
    "roles": "roles",
    "role": "roles",
    "http://schemas.microsoft.com/ws/2008/06/identity/claims/role": "roles",
}

MAX_VALUE_LENGTH = 150  # Django's first_name / username limit; longer values are cut, not refused


@dataclass(frozen=True)
class Claims:
    """What the IdP says about the user, after mapping. ``roles`` keeps every value, in order."""

    uid: str
    email: str = ""
    display_name: str = ""
    department: str = ""
    roles: tuple[str, ...] = field(default_factory=tuple)


def validate_attribute_map(value: object) -> dict[str, str]:
    """Return ``value`` as a map or raise ValueError saying which entry is wrong and why."""
    if not isinstance(value, Mapping):
        raise ValueError(gettext("属性映射必须是 JSON 对象：{\"IdP 属性名\": \"uid|email|display_name|department|roles\"}"))
    for attribute, claim in value.items():
        if not isinstance(attribute, str) or not attribute.strip():
            raise ValueError(gettext("属性映射中的 IdP 属性名不能为空"))
        if claim not in CLAIMS:
            raise ValueError(gettext("属性 %(attribute)r 映射到未知字段 %(claim)r，可用：%(claims)s") % {"attribute": attribute, "claim": claim, "claims": ", ".join(CLAIMS)})
    return dict(value)


def configured_attribute_map() -> dict[str, str]:
    """The map from ``SAML_ATTRIBUTE_MAP`` (``settings.SSO_ATTRIBUTE_MAP``), or the defaults when unset.

    Called once when the app starts (``SsoConfig.ready``), so a bad map stops start-up with one line
    naming the variable, and again wherever an IdP's map falls back to it.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    raw = settings.SSO_ATTRIBUTE_MAP
    if raw is None:
        return dict(DEFAULT_ATTRIBUTE_MAP)
    try:
        return validate_attribute_map(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"SAML_ATTRIBUTE_MAP: {exc}") from exc


def _clean_values(values: object) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    cleaned = []
    for value in values:  # type: ignore[union-attr]
        text = str(value).strip()
        if text:
            cleaned.append(text[:MAX_VALUE_LENGTH])
    return cleaned


def claims_from_attributes(
    attributes: Mapping[str, Iterable[str]], attribute_map: Mapping[str, str], *, name_id: str = ""
) -> Claims:
    """Map raw SAML attributes (``{name: [values]}``) to Claims.

    The uid falls back to the NameID when no attribute gives one; a missing uid is a ValueError
    (the login is refused, since the user could not be recognised next time).
    """
    single: dict[str, str] = {}
    roles: list[str] = []
    for attribute, claim in attribute_map.items():
        values = _clean_values(attributes.get(attribute))
        if not values:
            continue
        if claim in MULTI_VALUED:
            roles.extend(v for v in values if v not in roles)
        else:
            single.setdefault(claim, values[0])
    uid = single.get("uid") or (name_id or "").strip()[:MAX_VALUE_LENGTH]
    if not uid:
        raise ValueError(gettext("IdP 未提供用户标识（uid 属性或 NameID）"))
    return Claims(
        uid=uid,
        email=single.get("email", ""),
        display_name=single.get("display_name", ""),
        department=single.get("department", ""),
        roles=tuple(roles),
    )


def allauth_attribute_mapping(attribute_map: Mapping[str, str]) -> dict[str, list[str]]:
    """The same map in allauth's shape (``{field: [IdP attribute names]}``) for its provider."""
    result: dict[str, list[str]] = {}
    for attribute, claim in attribute_map.items():
        if claim in ("uid", "email"):
            result.setdefault(claim, []).append(attribute)
    return result


def groups_for_roles(roles: Iterable[str], role_groups: Mapping[str, Iterable[str]]) -> set[str]:
    """Names of the groups that ``roles`` grant under ``{role: [group names]}``; unknown roles grant none."""
    granted: set[str] = set()
    for role in roles:
        granted.update(role_groups.get(role, ()))
    return granted


def plan_group_changes(current: Iterable[str], granted: Iterable[str], managed: Iterable[str]) -> tuple[set[str], set[str]]:
    """Return (to_add, to_remove): add what is granted, remove managed groups no longer granted.

    Groups outside ``managed`` (no role mapping names them) were given by hand and are kept.
    """
    current_set, granted_set, managed_set = set(current), set(granted), set(managed)
    return granted_set - current_set, (current_set & managed_set) - granted_set
