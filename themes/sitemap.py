"""The sitemap lists exactly what an anonymous reader may see now (``cms.visibility``): Wagtail's
stock sitemap keeps expired notices until the scheduler unpublishes them."""
from __future__ import annotations

from wagtail.contrib.sitemaps import Sitemap


class VisibleSitemap(Sitemap):
    def items(self):
        from cms.visibility import public_pages

        root = self.get_wagtail_site().root_page
        return (public_pages().filter(path__startswith=root.path)
                .order_by("path").defer_streamfields().specific())
