"""Small text helpers: HTML sanitising to the exchange allow-list, slugs for Chinese names."""
from __future__ import annotations

import hashlib
import re

import nh3

# The allow-list of content.schema.json `body` (shared/contracts). `linktype`/`id` keep Wagtail's
# internal page and document links working; they never reach the public HTML (expand_db_html
# rewrites them to plain hrefs).
ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a",
                "table", "thead", "tbody", "tr", "th", "td", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Wagtail's editor stores bold/italic as <b>/<i>; the exchange format says <strong>/<em>. Both are
# read back as bold/italic by the editor, so normalising keeps the editor and the contract happy.
_LEGACY_NAMES = {"b": "strong", "i": "em"}
_LEGACY_TAGS = re.compile(r"<(/?)(b|i)(?=[\s>/])", re.IGNORECASE)


def sanitize_html(html: str | None) -> str:
    """Return ``html`` with everything outside the allow-list removed (scripts, styles, events)."""
    if not html:
        return ""
    html = _LEGACY_TAGS.sub(lambda m: f"<{m.group(1)}{_LEGACY_NAMES[m.group(2).lower()]}", html)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True).strip()


def pinyin_free_slug(name: str, prefix: str = "item") -> str:
    """A stable ASCII slug for a Chinese name without a transliteration library."""
    return f"{prefix}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"
