"""The login audit log: one ``AuthEvent`` per login, refused login (with a reason code) and logout.

SAML views call ``record`` with the IdP and reason; password logins and every logout are caught by
Django's auth signals (wired in ``SsoConfig.ready``). Writing an audit line never breaks a login:
a failure is logged and the request goes on.
"""
from __future__ import annotations

import logging
from django.utils.translation import gettext_lazy as _

from config.client_address import client_address
from sso.models import AuthEvent

logger = logging.getLogger("sso.audit")

# Reason codes written to AuthEvent.reason, with the plain words shown to the user.
REASONS: dict[str, str] = {
    "missing_message": _("没有收到身份认证结果。"),
    "message_too_large": _("身份认证结果过大。"),
    "bad_base64": _("身份认证结果格式错误。"),
    "not_xml": _("身份认证结果格式错误。"),
    "dtd_or_entity": _("身份认证结果包含不允许的内容。"),
    "invalid_response": _("身份认证结果未通过校验（签名、有效期、接收方或签发方不符）。"),
    "unsolicited": _("该登录不是由本网站发起的，已拒绝。"),
    "state_mismatch": _("登录状态不匹配或已过期，请重新登录。"),
    "replayed": _("该身份认证结果已被使用过，已拒绝。"),
    "unsafe_redirect": _("登录后的跳转地址不安全，已拒绝。"),
    "no_identity": _("身份认证结果中没有用户标识。"),
    "expired_acs_session": _("登录流程已过期，请重新登录。"),
    "inactive_user": _("该账号已停用。"),
    "unsigned_logout": _("退出请求未签名，已忽略。"),
    "invalid_logout": _("退出请求未通过校验，已忽略。"),
    "bad_credentials": _("用户名或密码错误。"),
    "local_login_disabled": _("本系统已启用统一身份认证，不能使用本地密码登录。"),
    "idle_timeout": _("长时间未操作，已自动退出。"),
    "absolute_timeout": _("登录时间过长，已自动退出。"),
    "throttled": _("登录尝试过于频繁，请稍后再试。"),
    "error": _("登录失败。"),
}


def client_ip(request) -> str | None:
    """The client's address behind our own proxies (one rule for the whole project)."""
    return client_address(request)


def record(
    kind: str,
    request=None,
    *,
    user=None,
    username: str = "",
    idp: str = "",
    method: str = "",
    reason: str = "",
    detail: str = "",
) -> AuthEvent | None:
    try:
        if user is not None and not getattr(user, "pk", None):
            user = None
        return AuthEvent.objects.create(
            kind=kind,
            user=user,
            username=(username or (user.get_username() if user else ""))[:255],
            identity_provider=idp[:40],
            method=method[:20],
            reason=reason[:100],
            detail=detail[:2000],
            ip_address=client_ip(request),
            user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
            request_id=getattr(request, "request_id", "")[:64] if request is not None else "",
        )
    except Exception:  # never let the audit log break a login or logout
        logger.exception("could not write the audit line %s %s", kind, reason)
        return None


# --- signal handlers (connected in SsoConfig.ready) -----------------------------------------------

def on_user_logged_in(sender, request, user, **kwargs) -> None:
    sso = getattr(request, "sso_login", None) if request is not None else None
    record(
        AuthEvent.Kind.LOGIN,
        request,
        user=user,
        idp=sso["idp"] if sso else "",
        method="saml" if sso else "password",
        detail=sso.get("detail", "") if sso else "",
    )


def on_user_logged_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    reason = getattr(request, "sso_logout_reason", "") if request is not None else ""
    idp = request.session.get("sso_idp", "") if request is not None and hasattr(request, "session") else ""
    record(AuthEvent.Kind.LOGOUT, request, user=user, idp=getattr(request, "sso_logout_idp", idp), reason=reason)


def on_user_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or credentials.get("email") or "")
    reason = getattr(request, "sso_refusal", "bad_credentials") if request is not None else "bad_credentials"
    record(AuthEvent.Kind.LOGIN_REFUSED, request, username=username, method="password", reason=reason)
