"""Sets the active theme for each request from its Wagtail Site."""
from __future__ import annotations

from themes.resolver import _request


class ActiveThemeMiddleware:
    """Make the request's Site's theme the active one while the response (including error pages)
    is rendered; it is looked up lazily, on the first template rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            response = self.get_response(request)
            if hasattr(response, "render") and callable(response.render) and not getattr(response, "is_rendered", True):
                response.render()  # TemplateResponse: render while the theme is still active
            return response
        finally:
            _request.reset(token)
