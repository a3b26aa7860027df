"""RSS 2.0 / Atom feed connector: titles, links and dates as plain text (markup dropped).

Parsed with the standard library's expat, which does not fetch external entities and (since
expat 2.4.1) refuses entity-expansion bombs.
"""
from __future__ import annotations

import html
import re
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree
from django.utils.translation import gettext_lazy as _

from portal import http, templating
from portal.connectors.base import BackendError, check_url_template, url_config_schema
from portal.registry import Connector, FetchContext, register_connector

ATOM = "{http://www.w3.org/2005/Atom}"
TAGS = re.compile(r"<[^>]+>")


def plain(text: str | None, limit: int = 300) -> str:
    return html.unescape(TAGS.sub("", text or "")).strip()[:limit]


def iso_date(text: str | None) -> str:
    if not text:
        return ""
    try:
        return parsedate_to_datetime(text.strip()).isoformat()
    except (TypeError, ValueError):
        return text.strip()  # Atom dates are ISO 8601 already


def parse_feed(content: bytes, limit: int) -> list[dict]:
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        raise BackendError("bad_feed") from None
    items = []
    if root.tag == f"{ATOM}feed":
        for entry in root.findall(f"{ATOM}entry")[:limit]:
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            if link is None:  # (an Element with no children is falsy: no `or` here)
                link = entry.find(f"{ATOM}link")
            items.append({
                "title": plain(entry.findtext(f"{ATOM}title")),
                "url": link.get("href", "") if link is not None else "",
                "date": iso_date(entry.findtext(f"{ATOM}updated") or entry.findtext(f"{ATOM}published")),
                "summary": plain(entry.findtext(f"{ATOM}summary")),
            })
    elif root.tag == "rss":
        for item in root.findall("channel/item")[:limit]:
            items.append({
                "title": plain(item.findtext("title")),
                "url": (item.findtext("link") or "").strip(),
                "date": iso_date(item.findtext("pubDate")),
                "summary": plain(item.findtext("description")),
            })
    else:
        raise BackendError("bad_feed")
    return items


@register_connector
class FeedConnector(Connector):
    name = "feed"
    label = _("RSS/Atom 订阅")
    config_schema = url_config_schema(max_items={"type": "integer", "minimum": 1, "maximum": 50})

    def check_config(self, config, backend_url):
        return check_url_template(config["url"], backend_url)

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        url = templating.render(config["url"], ctx.template_fields(), url=True)
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml"}
        if config.get("send_token", True) and ctx.token:
            headers["Authorization"] = f"Bearer {ctx.token}"
        response = http.request("GET", url, timeout=timeout, allowed_origin=ctx.backend_url, headers=headers)
        if response.status_code >= 400:
            raise BackendError(f"http_{response.status_code}")
        return {"items": parse_feed(response.content, config.get("max_items", 10))}
