"""What connectors share: the error a back end's bad answer raises, and URL checks."""
from __future__ import annotations

from portal import templating
from config.safe_url import is_http_url
from portal.http import origin


class BackendError(Exception):
    """The back end answered, but not usefully (HTTP error, not JSON, not a feed).

    ``reason`` is a short code; the user sees a plain sentence chosen from it, never this text."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_url_template(url: str, backend_url: str) -> list[tuple[tuple, str]]:
    """A URL template may only use known placeholders and must stay on its back end's origin."""
    errors = []
    unknown = templating.unknown_placeholders(url)
    if unknown:
        errors.append((("url",), f"unknown placeholder(s) {', '.join('{' + u + '}' for u in unknown)}; "
                                  f"allowed: {', '.join('{' + k + '}' for k in sorted(templating.KNOWN))}"))
    elif backend_url and not url.startswith("{backend}"):
        sample = templating.render(url, {"backend": backend_url})
        if origin(sample) != origin(backend_url):
            errors.append((("url",), f"must start with {{backend}} or stay on {backend_url}"))
    if not errors:  # whatever the placeholders hold, only http(s) may be called
        sample = templating.render(url, {**{name: "x" for name in templating.KNOWN},
                                         "backend": backend_url or "https://backend.invalid"})
        if not is_http_url(sample):
            errors.append((("url",), "must be an http(s) URL"))
    return errors


def url_config_schema(**properties) -> dict:
    """JSON Schema of a connector that calls one URL of its back end, plus its own ``properties``."""
    return {
        "type": "object",
        "required": ["url"],
        "additionalProperties": False,
        "properties": {"url": {"type": "string", "minLength": 1}, "send_token": {"type": "boolean"}, **properties},
    }
