"""Content-Security-Policy on every response (django-csp), with one policy for the public site
and the portal and a few allowances for the Wagtail admin only.

Public site and portal: scripts and styles from this origin only, no inline script (a page that
needs one writes ``<script nonce="{{ request.csp_nonce }}">``; the nonce is added to the header only
when used), no plugins, no framing by other sites, no ``<base>`` tricks. A stored ``javascript:``
or ``<script>`` that slipped past every other check still does not run.

Wagtail's admin (and Django's) renders inline scripts and style attributes of its own, so under
``CSP_ADMIN_PATHS`` ``CSP_ADMIN_REPLACE`` replaces those directives (checked in a real browser:
tests/browser/test_csp.py). Page previews in the admin render the public templates, which need
nothing of it.

Most responses use neither a nonce nor a per-view override, so their headers are the same for
every request under the same path rule: those are built once and reused (django-csp builds the
policy twice per response, deep-copying the settings each time — measurable on page-cache hits,
which do little else). A response with a nonce or an override goes through django-csp as usual.
"""
from __future__ import annotations

from dataclasses import replace

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse

# Attributes a view or decorator sets on a response to change or drop the policy.
RESPONSE_OVERRIDES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                      "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")
_constant_headers: dict[tuple, list[tuple[str, str]]] = {}


def _forget_headers(**kwargs) -> None:
    _constant_headers.clear()


setting_changed.connect(_forget_headers, dispatch_uid="config.csp.forget_headers")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if (getattr(request, "_csp_nonce", None) is not None or HEADER in response or HEADER_REPORT_ONLY in response
                or any(hasattr(response, name) for name in RESPONSE_OVERRIDES)
                or (settings.DEBUG and response.status_code in (404, 500))):
            return super().process_response(request, response)
        key = self.path_rule(request)
        if key not in _constant_headers:
            probe = super().process_response(request, HttpResponse())
            _constant_headers[key] = [(name, probe[name]) for name in (HEADER, HEADER_REPORT_ONLY) if name in probe]
        for name, value in _constant_headers[key]:
            response[name] = value
        # as django-csp does: a nonce asked for after the header was written is an error
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def path_rule(request) -> tuple:
        """What, besides a nonce or an override, makes two requests' headers differ: the admin
        allowances and the settings' excluded prefixes."""
        path = request.path_info
        prefixes = [tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
                    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")]
        return (request.path.startswith(tuple(settings.CSP_ADMIN_PATHS)),
                *(path.startswith(p) if p else False for p in prefixes))

    def get_policy_parts(self, request, response, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(tuple(settings.CSP_ADMIN_PATHS)) and parts.replace is None:
            parts = replace(parts, replace=settings.CSP_ADMIN_REPLACE)
        return parts
