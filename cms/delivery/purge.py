"""Front-end cache (CDN, Varnish, nginx) purge through Wagtail's own ``wagtail.contrib.frontend_cache``.

Its ``WAGTAILFRONTENDCACHE`` setting names the caches in front of the site; Wagtail ships
backends for Cloudflare, CloudFront and Azure, and routes each URL to the backends that serve its
host. The documented environment settings keep working and are translated into it in
config/settings/base.py (and checked at start-up, ``cms.delivery.checks``):

- ``DELIVERY_PURGE_BACKEND=noop`` (default): nothing in front of the app, nothing is purged;
- ``DELIVERY_PURGE_BACKEND=http`` with ``DELIVERY_PURGE_URLS``: ``PURGE <path>`` with the public
  ``Host`` to each of those caches (``HTTPBackend`` below);
- ``FRONTEND_CACHE_BACKENDS``: a JSON object in Wagtail's own ``WAGTAILFRONTENDCACHE`` format for any
  other CDN (``{"cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend", ...}}``),
  added to the above.

The URLs to purge come from ``urls_for_page``; ``cms.delivery.changes`` sends them after the
commit through Wagtail's purge task, so a slow CDN never holds up a publish.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.contrib.frontend_cache.backends import HTTPBackend as WagtailHTTPBackend

from cms.delivery import http

logger = logging.getLogger(__name__)

HTTP_BACKEND = "cms.delivery.purge.HTTPBackend"
PURGE_TIMEOUT_SECONDS = 5


class HTTPBackend(WagtailHTTPBackend):
    """Wagtail's HTTP ``PURGE`` backend, sent through the delivery app's one HTTP module: Wagtail's
    uses ``urlopen`` without a timeout, so a hung cache would hold a worker for ever."""

    def purge(self, url) -> None:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        result = http.send("PURGE", f"{self.cache_scheme}://{self.cache_netloc}{path}",
                           headers={"Host": parts.netloc}, timeout=PURGE_TIMEOUT_SECONDS,
                           trusted=True)  # the caches are deployment configuration, often private
        if not result.ok:
            logger.warning("purge of %s at %s failed: %s %s", path, self.cache_netloc, result.status_code, result.error)


def configuration_problems(settings_obj=settings) -> list[str]:
    """What is wrong with the purge settings (checked at start-up by ``cms.delivery.checks``)."""
    problems = []
    if settings_obj.DELIVERY_PURGE_BACKEND == "http" and not settings_obj.DELIVERY_PURGE_URLS:
        problems.append("DELIVERY_PURGE_BACKEND=http needs DELIVERY_PURGE_URLS (the caches to send PURGE to)")
    backends = settings_obj.WAGTAILFRONTENDCACHE
    if not isinstance(backends, dict) or not all(isinstance(v, dict) and "BACKEND" in v for v in backends.values()):
        problems.append('FRONTEND_CACHE_BACKENDS must be a JSON object {"name": {"BACKEND": "...", ...}}')
    return problems


def urls_for_page(page_reference: dict) -> list[str]:
    """What a change of one page makes stale: its API detail, the listings, and its HTML page."""
    base = settings.BASE_URL + settings.DELIVERY_API_PREFIX
    urls = [page_reference["api_url"], base + "content/", base + "pages/"]
    if page_reference.get("url"):
        urls.append(page_reference["url"])
    return urls


def purge(urls: list[str]) -> None:
    """Queue the purge of ``urls`` at every configured front-end cache (Wagtail's task)."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    if settings.WAGTAILFRONTENDCACHE:
        purge_urls_from_cache(urls)
