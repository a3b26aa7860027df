"""Sets the active theme for each request from its Wagtail Site."""
from __future__ import annotations

from themes.resolver import _active, theme_for_request


class ActiveThemeMiddleware:
    """Resolve the Site's theme once per request and make it the active one while the response
    (including error pages) is rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _active.set(theme_for_request(request).name)
        try:
            response = self.get_response(request)
            if hasattr(response, "render") and callable(response.render) and not getattr(response, "is_rendered", True):
                response.render()  # TemplateResponse: render while the theme is still active
            return response
        finally:
            _active.reset(token)
