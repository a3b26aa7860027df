"""Which requests belong to the delivery API (everything under ``/api/`` except the search
service's ``/api/search/``, which the search app owns): the rate limit and the HTTP cache
middleware act on these only."""
from django.conf import settings

OTHER_APPS_UNDER_API = ("/api/search/",)


def is_delivery_path(path: str) -> bool:
    return path.startswith("/api/") and not path.startswith(OTHER_APPS_UNDER_API)


def is_content_path(path: str) -> bool:
    """Paths whose public responses are the same for every client (cacheable)."""
    return path.startswith(settings.DELIVERY_API_PREFIX) or path == "/api/openapi.json"
