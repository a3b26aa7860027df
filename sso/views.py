"""SAML endpoints under ``/sso/`` (the ones the README gives to IdP administrators).

    /sso/login/                      start: the only IdP, or a chooser when there are several
    /sso/saml/metadata/              SP metadata (for the environment's IdP; the stable URL)
    /sso/saml/<idp>/metadata/        SP metadata naming that IdP's ACS and SLS URLs
    /sso/saml/<idp>/login/           SP-initiated login (AuthnRequest, HTTP-Redirect)
    /sso/saml/<idp>/acs/             assertion consumer service (HTTP-POST)
    /sso/saml/<idp>/sls/             single logout service (HTTP-Redirect, signed messages only)
    /sso/logout/                     sign out here and at the IdP
    /sso/session/                    who is signed in (JSON, for the portal and tests)

They build on allauth's SAML provider (its ``SocialApp``, login state and social-login pipeline)
but validate each message themselves first, so that every refusal gets an audit line and a plain
Chinese page with a 400/403 status instead of allauth's generic error (or a 500).
"""
from __future__ import annotations

import logging
import secrets

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.providers.base.constants import AuthProcess
from django.conf import settings
from django.contrib.auth import logout as django_logout
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from sso import audit, idps, replay, saml
from sso.adapter import default_landing, is_safe_redirect
from sso.models import AuthEvent

logger = logging.getLogger(__name__)

ACS_COOKIE = "sso_acs"
ACS_TTL = 120
SESSION_KEYS = ("sso_idp", "sso_name_id", "sso_name_id_format", "sso_session_index", "sso_name_id_nq", "sso_name_id_spnq")


def error_page(request, reason: str, *, status: int = 403, title: str = "") -> HttpResponse:
    """The plain Chinese page every refusal shows (no stack trace, no SAML jargon)."""
    message = audit.REASONS.get(reason, audit.REASONS["error"])
    title = title or _("登录失败")
    response = render(request, "sso/error.html", {"title": title, "message": message, "reason": reason}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def refuse_login(request, idp_slug: str, reason: str, *, detail: str = "", status: int = 403) -> HttpResponse:
    logger.warning("sso: login refused (%s) from IdP %s: %s", reason, idp_slug, detail)
    audit.record(AuthEvent.Kind.LOGIN_REFUSED, request, idp=idp_slug, method="saml", reason=reason, detail=detail)
    return error_page(request, reason, status=status)


def _provider(request, idp: idps.IdpConfig):
    return idp.social_app().get_provider(request)


# --- login ---------------------------------------------------------------------------------------

@never_cache
def start(request):
    """``/sso/login/``: straight to the only IdP, or let the user choose."""
    next_url = request.GET.get("next", "")
    if next_url and not is_safe_redirect(next_url):
        return refuse_login(request, "", "unsafe_redirect", detail=next_url[:300], status=400)
    available = idps.list_idps()
    if len(available) == 1:
        url = reverse("sso:login", args=[available[0].slug])
        return HttpResponseRedirect(f"{url}?{request.GET.urlencode()}" if next_url else url)
    from sso.templatetags.sso_tags import identity_providers

    context = {"idps": available, "choices": identity_providers(next_url), "next": next_url}
    return render(request, "sso/choose.html", context, status=200 if available else 404)


@method_decorator(never_cache, name="dispatch")
class LoginView(View):
    """SP-initiated login: stash allauth's state under the AuthnRequest id and go to the IdP."""

    def get(self, request, slug):
        idp = idps.get_idp(slug)
        next_url = request.GET.get("next") or request.POST.get("next") or ""
        if next_url and not is_safe_redirect(next_url):
            return refuse_login(request, slug, "unsafe_redirect", detail=next_url[:300], status=400)
        auth = saml.build_auth(request, idp)
        target = auth.login(return_to="")
        provider = _provider(request, idp)
        provider.stash_redirect_state(request, AuthProcess.LOGIN, next_url or None, None, state_id=auth.get_last_request_id())
        return HttpResponseRedirect(target)

    post = get


# --- assertion consumer service ------------------------------------------------------------------

@method_decorator(csrf_exempt, name="dispatch")
class AcsView(View):
    """Step 1: keep the POSTed response for a moment and continue with a top-level GET.

    The IdP POSTs from another site, so the browser leaves out our SameSite=Lax session cookie;
    the redirect brings it back (the same trick as allauth's ACS view).
    """

    def post(self, request, slug):
        idps.get_idp(slug)
        token = secrets.token_urlsafe(24)
        cache.set(f"sso:acs:{token}", {k: request.POST.get(k, "") for k in ("SAMLResponse", "RelayState")}, ACS_TTL)
        url = reverse("sso:acs_finish", args=[slug])
        response = HttpResponseRedirect(url, status=303)
        response.set_cookie(
            ACS_COOKIE, token, max_age=ACS_TTL, path=url, secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax"
        )
        return response

    def get(self, request, slug):
        return HttpResponseNotAllowed(["POST"])


@method_decorator(never_cache, name="dispatch")
class AcsFinishView(View):
    """Step 2: validate the response strictly, then hand it to allauth's social-login pipeline."""

    def get(self, request, slug):
        idp = idps.get_idp(slug)
        token = request.COOKIES.get(ACS_COOKIE, "")
        posted = cache.get(f"sso:acs:{token}") if token else None
        if token:
            cache.delete(f"sso:acs:{token}")
        if not posted:
            response = refuse_login(request, slug, "expired_acs_session", status=400)
        else:
            response = self.finish(request, idp, posted)
        response.delete_cookie(ACS_COOKIE, path=request.path)
        return response

    def finish(self, request, idp: idps.IdpConfig, posted: dict) -> HttpResponse:
        slug = idp.slug
        try:
            saml.check_post_message(posted.get("SAMLResponse"))
        except saml.MalformedMessage as exc:
            return refuse_login(request, slug, str(exc), status=400)
        try:
            auth = saml.build_auth(request, idp, post=posted, path=reverse("sso:acs", args=[slug]))
            auth.process_response(request_id=None)  # InResponseTo is checked against the stashed state below
        except Exception as exc:  # python3-saml raises several types for hostile input
            return refuse_login(request, slug, "invalid_response", detail=f"{type(exc).__name__}: {exc}", status=400)
        errors = auth.get_errors()
        if errors or not auth.is_authenticated():
            return refuse_login(request, slug, "invalid_response", detail=f"{', '.join(errors)}: {auth.get_last_error_reason()}")
        if not auth.get_nameid():
            return refuse_login(request, slug, "no_identity")

        in_response_to = auth.get_last_response_in_response_to()
        relay_state = posted.get("RelayState") or ""
        if not in_response_to:
            if not idp.allow_idp_initiated:
                return refuse_login(request, slug, "unsolicited", detail=f"assertion {auth.get_last_assertion_id()}")
            if relay_state and not is_safe_redirect(relay_state):
                return refuse_login(request, slug, "unsafe_redirect", detail=relay_state[:300])
        if not replay.first_use(slug, auth.get_last_assertion_id(), auth.get_last_assertion_not_on_or_after()):
            return refuse_login(request, slug, "replayed", detail=f"assertion {auth.get_last_assertion_id()}")

        provider = _provider(request, idp)
        try:
            login = provider.sociallogin_from_response(request, auth)
        except ValueError as exc:
            return refuse_login(request, slug, "no_identity", detail=str(exc))
        if in_response_to:
            try:
                login.state = provider.unstash_redirect_state(request, in_response_to)
            except PermissionDenied:
                return refuse_login(request, slug, "state_mismatch", detail=f"InResponseTo {in_response_to}")
        else:
            login.state = {"process": AuthProcess.LOGIN}
            if relay_state:
                login.state["next"] = relay_state
        explicit_next = login.state.get("next")
        if explicit_next and not is_safe_redirect(explicit_next):
            login.state.pop("next")
            explicit_next = None

        request.sso_login = {"idp": slug, "detail": f"NameID {auth.get_nameid()}; roles from {idp.slug}"}
        try:
            response = complete_social_login(request, login)
        except Exception as exc:  # a provisioning bug must still end in the plain page and the audit log
            logger.exception("sso: provisioning failed for %s", login.account.uid)
            return refuse_login(request, slug, "error", detail=f"{type(exc).__name__}: {exc}", status=500)
        if not request.user.is_authenticated:
            return refuse_login(request, slug, "inactive_user", detail=str(login.account.uid))
        request.session.update(
            {
                "sso_idp": slug,
                "sso_name_id": auth.get_nameid(),
                "sso_name_id_format": auth.get_nameid_format(),
                "sso_session_index": auth.get_session_index(),
                "sso_name_id_nq": auth.get_nameid_nq(),
                "sso_name_id_spnq": auth.get_nameid_spnq(),
            }
        )
        if not explicit_next and isinstance(response, HttpResponseRedirect):
            return HttpResponseRedirect(default_landing(request.user))
        return response


# --- single logout -------------------------------------------------------------------------------

@method_decorator(never_cache, name="dispatch")
class LogoutView(View):
    """SP-initiated logout: end the session here, then send a signed LogoutRequest to the IdP."""

    def get(self, request):
        return render(request, "sso/logout.html", {})

    def post(self, request):
        slug = request.session.get("sso_idp", "")
        name_id = request.session.get("sso_name_id")
        target = request_id = None
        if slug and name_id:
            try:
                idp = idps.get_idp(slug)
                auth = saml.build_auth(request, idp)
                if auth.get_slo_url():
                    target = auth.logout(
                        return_to="",
                        name_id=name_id,
                        session_index=request.session.get("sso_session_index"),
                        name_id_format=request.session.get("sso_name_id_format"),
                        nq=request.session.get("sso_name_id_nq"),
                        spnq=request.session.get("sso_name_id_spnq"),
                    )
                    request_id = auth.get_last_request_id()
            except Exception:
                logger.exception("sso: could not build the LogoutRequest for %s", slug)
                target = None
        django_logout(request)
        if target:
            request.session["sso_logout_request"] = {"idp": slug, "id": request_id}
            return HttpResponseRedirect(target)
        return HttpResponseRedirect("/")


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(never_cache, name="dispatch")
class SlsView(View):
    """IdP-initiated LogoutRequest (ends our session) or the LogoutResponse to ours.

    Only messages signed by the IdP are honoured: an unsigned LogoutRequest would let any page
    end an official's session, so it is refused before python3-saml sees it.
    """

    def get(self, request, slug):
        idp = idps.get_idp(slug)
        kind = "SAMLRequest" if "SAMLRequest" in request.GET else "SAMLResponse" if "SAMLResponse" in request.GET else ""
        if not kind:
            return self.refuse(request, slug, "missing_message", status=400)
        if not request.GET.get("Signature") or not request.GET.get("SigAlg"):
            return self.refuse(request, slug, "unsigned_logout")
        try:
            xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(request.GET[kind])
            saml.check_xml(xml if isinstance(xml, bytes) else xml.encode())
        except saml.MalformedMessage as exc:
            return self.refuse(request, slug, str(exc), status=400)
        except Exception:
            return self.refuse(request, slug, "bad_base64", status=400)

        pending = request.session.get("sso_logout_request") or {}
        user = request.user if request.user.is_authenticated else None
        try:
            auth = saml.build_auth(request, idp)
            if kind == "SAMLRequest":
                matches = user is not None and request.session.get("sso_idp") == slug and self._same_subject(request, xml)
                target = auth.process_slo(
                    keep_local_session=not matches, delete_session_cb=lambda: self._logout(request, slug)
                )
            else:
                target = auth.process_slo(
                    keep_local_session=True, request_id=pending.get("id") if pending.get("idp") == slug else None
                )
        except Exception as exc:
            return self.refuse(request, slug, "invalid_logout", detail=f"{type(exc).__name__}: {exc}", status=400)
        errors = auth.get_errors()
        if errors:
            return self.refuse(request, slug, "invalid_logout", detail=f"{', '.join(errors)}: {auth.get_last_error_reason()}")
        request.session.pop("sso_logout_request", None)
        return HttpResponseRedirect(target or "/")

    def post(self, request, slug):
        return HttpResponseNotAllowed(["GET"])

    @staticmethod
    def _same_subject(request, xml) -> bool:
        from onelogin.saml2.logout_request import OneLogin_Saml2_Logout_Request

        try:
            return OneLogin_Saml2_Logout_Request.get_nameid(xml) == request.session.get("sso_name_id")
        except Exception:
            return False

    @staticmethod
    def _logout(request, slug) -> None:
        request.sso_logout_reason = "idp_logout"
        request.sso_logout_idp = slug
        django_logout(request)

    @staticmethod
    def refuse(request, slug, reason, *, detail: str = "", status: int = 403) -> HttpResponse:
        logger.warning("sso: logout message refused (%s) from IdP %s %s", reason, slug, detail)
        audit.record(AuthEvent.Kind.LOGOUT_REFUSED, request, user=request.user if request.user.is_authenticated else None,
                     idp=slug, method="saml", reason=reason, detail=detail)
        return error_page(request, reason, status=status, title=_("退出请求无效"))


# --- metadata and session ------------------------------------------------------------------------

def _metadata_response(idp: idps.IdpConfig) -> HttpResponse:
    config = OneLogin_Saml2_Settings(settings=saml.saml_settings(idp, sp_only=True), sp_validation_only=True)
    xml = config.get_sp_metadata()
    errors = config.validate_metadata(xml)
    if errors:
        logger.error("sso: SP metadata invalid: %s", errors)
        return HttpResponse(_("SP 元数据配置错误，请联系管理员。"), status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


def metadata(request, slug: str | None = None):
    if slug is None:
        env_idp = idps.environment_idp()
        available = [env_idp] if env_idp else idps.list_idps()
        idp = available[0] if available else idps.IdpConfig(slug=get_social_settings_slug(), name="")
    else:
        idp = idps.get_idp(slug)
    return _metadata_response(idp)


def get_social_settings_slug() -> str:
    return settings.SSO_ENV_IDP_SLUG


@never_cache
def session_info(request):
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"authenticated": False})
    return JsonResponse(
        {
            "authenticated": True,
            "username": user.get_username(),
            "display_name": user.get_full_name(),
            "email": user.email,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "identity_provider": request.session.get("sso_idp", ""),
            "can_access_admin": user.has_perm("wagtailadmin.access_admin"),
        }
    )
