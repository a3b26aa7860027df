"""Where each public page type lives in the demo content of a site (found over HTTP, as a
visitor would: the sitemap lists the pages, the page's <body> names its type)."""
from __future__ import annotations

import re
import urllib.request
from functools import lru_cache

FIXED = {"search": "/search/?q=营业执照", "not_found": "/this-page-does-not-exist/", "home": "/"}
BODY_TYPE = re.compile(r'<body[^>]*\bdata-page-type="([a-z_]+)"')


def _get(url: str, host: str) -> str:
    """The page's HTML. An HTTP error or a refused connection raises: a broken sitemap or page must
    fail the accessibility tests, not shrink the set of pages they look at."""
    request = urllib.request.Request(url, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode("utf-8", errors="replace")


@lru_cache(maxsize=8)
def _discover(base: str, host: str) -> dict[str, str]:
    found: dict[str, str] = {}
    sitemap = _get(f"{base}/sitemap.xml", host)
    for loc in re.findall(r"<loc>(.*?)</loc>", sitemap):
        path = re.sub(r"^https?://[^/]+", "", loc) or "/"
        match = BODY_TYPE.search(_get(f"{base}{path}", host))
        if match and match.group(1) not in found:
            found[match.group(1)] = path
    return found


def public_pages(server, host: str) -> dict[str, str]:
    """``kind → path`` for the fixed pages and one page of each type in the site's sitemap."""
    port_host = f"{host}:{server.port}"
    return {**_discover(server.url, port_host), **FIXED}
