"""Front-end cache purge: a small interface with backends chosen by setting.

``DELIVERY_PURGE_BACKEND`` names a registered backend: ``noop`` (default: nothing in front of the
app) or ``http`` (sends ``PURGE <path>`` to every base URL in ``DELIVERY_PURGE_URLS``, e.g. a
Varnish or nginx cache, with the public host in the ``Host`` header). A CDN with its own API is
one more class registered with ``register_purge_backend``.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cms.delivery import http

logger = logging.getLogger(__name__)


class PurgeBackend:
    """Removes cached copies of the given absolute URLs; returns how many purges succeeded."""

    def purge(self, urls: list[str]) -> int:
        raise NotImplementedError


class NoopPurgeBackend(PurgeBackend):
    def purge(self, urls: list[str]) -> int:
        return 0


class HttpPurgeBackend(PurgeBackend):
    """``PURGE`` each URL's path at each configured cache; failures are logged, never raised."""

    def __init__(self, locations: list[str] | None = None, timeout: float = 5):
        self.locations = [loc.rstrip("/") for loc in (settings.DELIVERY_PURGE_URLS if locations is None else locations)]
        self.timeout = timeout
        if not self.locations:
            raise ImproperlyConfigured("DELIVERY_PURGE_BACKEND=http needs DELIVERY_PURGE_URLS")

    def purge(self, urls: list[str]) -> int:
        done = 0
        for url in urls:
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            for location in self.locations:
                result = http.send("PURGE", location + path, headers={"Host": parts.netloc}, timeout=self.timeout,
                                   trusted=True)  # DELIVERY_PURGE_URLS: deployment configuration
                if result.ok:
                    done += 1
                else:
                    logger.warning("purge of %s at %s failed: %s %s", path, location, result.status_code, result.error)
        return done


_backends: dict[str, type[PurgeBackend]] = {"noop": NoopPurgeBackend, "http": HttpPurgeBackend}


def register_purge_backend(name: str, backend: type[PurgeBackend]) -> None:
    _backends[name] = backend


def get_purge_backend() -> PurgeBackend:
    name = settings.DELIVERY_PURGE_BACKEND
    try:
        return _backends[name]()
    except KeyError:
        raise ImproperlyConfigured(
            f"DELIVERY_PURGE_BACKEND={name!r} is not one of {', '.join(sorted(_backends))}"
        ) from None


def urls_for_page(page_reference: dict) -> list[str]:
    """What a change of one page makes stale: its API detail, the listings, and its HTML page."""
    base = settings.BASE_URL + settings.DELIVERY_API_PREFIX
    urls = [page_reference["api_url"], base + "content/", base + "pages/"]
    if page_reference.get("url"):
        urls.append(page_reference["url"])
    return urls
