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
"""
from __future__ import annotations

from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(tuple(settings.CSP_ADMIN_PATHS)) and parts.replace is None:
            parts = replace(parts, replace=settings.CSP_ADMIN_REPLACE)
        return parts
