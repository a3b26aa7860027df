"""Single sign-on over SAML 2.0 through django-allauth and python3-saml: identity providers from
the environment and the admin, strict validation, attribute mapping (all role values kept),
just-in-time provisioning, roles mapped to groups and department permissions, single logout,
session hardening and the login audit log.
"""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "sso"
    label = "sso"
    verbose_name = _("统一身份认证")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals

        from sso import audit, checks, middleware, throttle  # noqa: F401  (checks register themselves)
        from sso.mapping import configured_attribute_map

        configured_attribute_map()  # a bad SAML_ATTRIBUTE_MAP stops start-up here, in one line

        from django.db.models.signals import post_save

        from sso.models import IdentityProvider
        from sso.signal_handlers import forget_cached_metadata

        post_save.connect(forget_cached_metadata, sender=IdentityProvider, dispatch_uid="sso.forget_metadata")
        auth_signals.user_logged_in.connect(middleware.mark_session_start, dispatch_uid="sso.session_start")
        auth_signals.user_logged_in.connect(audit.on_user_logged_in, dispatch_uid="sso.audit.login")
        auth_signals.user_logged_out.connect(audit.on_user_logged_out, dispatch_uid="sso.audit.logout")
        auth_signals.user_login_failed.connect(audit.on_user_login_failed, dispatch_uid="sso.audit.login_failed")
        auth_signals.user_login_failed.connect(throttle.on_login_failed, dispatch_uid="sso.throttle.failed")
        auth_signals.user_logged_in.connect(throttle.on_logged_in, dispatch_uid="sso.throttle.login")
