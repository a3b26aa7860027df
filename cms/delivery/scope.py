"""Which requests belong to the delivery API: ``/api/v1/…``, the OpenAPI description and its docs.
Other apps also answer under ``/api/`` (``/api/search/``, the themes' ``/api/theme/``) and keep
their own policies; the rate limit and the HTTP cache middleware act on these paths only."""
from django.conf import settings

OWN_PATHS = ("/api/openapi.json", "/api/docs")


def is_delivery_path(path: str) -> bool:
    return path.startswith(settings.DELIVERY_API_PREFIX) or path.startswith(OWN_PATHS)


def is_content_path(path: str) -> bool:
    """Paths whose public responses are the same for every client (cacheable)."""
    return path.startswith(settings.DELIVERY_API_PREFIX) or path == "/api/openapi.json"
