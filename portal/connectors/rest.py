"""REST/JSON connector: call a back end with the user's token and map its JSON, all configured.

Config: ``url`` (template), ``method`` (GET/POST), ``headers`` (templates), ``body`` (JSON body
for POST, string values templated), ``items_path`` (where the list is), ``fields`` (item field
-> path in each item), ``root`` (top-level field -> path in the answer), ``send_token``.
"""
from __future__ import annotations
from django.utils.translation import gettext_lazy as _

from portal import http, templating
from portal.connectors.base import BackendError, check_url_template, url_config_schema
from portal.registry import Connector, FetchContext, register_connector

STRING_MAP = {"type": "object", "additionalProperties": {"type": "string"}}


@register_connector
class RestConnector(Connector):
    name = "rest"
    label = _("REST/JSON 接口")
    config_schema = url_config_schema(
        method={"enum": ["GET", "POST"]}, headers=STRING_MAP, body={"type": "object"}, items_path={"type": "string"},
        fields=STRING_MAP, root=STRING_MAP,
    )

    def check_config(self, config, backend_url):
        errors = check_url_template(config["url"], backend_url)
        for name, value in (config.get("headers") or {}).items():
            if templating.unknown_placeholders(value):
                errors.append((("headers", name), "unknown placeholder"))
            if name.lower() in {"cookie", "authorization"}:
                errors.append((("headers", name), "set by the portal (the user's token), not by configuration"))
        return errors

    def fetch(self, config: dict, ctx: FetchContext, timeout: float):
        fields = ctx.template_fields()
        url = templating.render(config["url"], fields, url=True)
        headers = {name: templating.render(value, fields) for name, value in (config.get("headers") or {}).items()}
        headers["Accept"] = "application/json"
        if config.get("send_token", True) and ctx.token:
            headers["Authorization"] = f"Bearer {ctx.token}"
        method = config.get("method", "GET")
        body = _render_body(config.get("body"), fields) if method == "POST" else None
        response = http.request(method, url, timeout=timeout, allowed_origin=ctx.backend_url, headers=headers, json_body=body)
        if response.status_code >= 400:
            raise BackendError(f"http_{response.status_code}")
        try:
            answer = response.json()
        except ValueError:
            raise BackendError("bad_json") from None
        return map_answer(answer, config)


def _render_body(body, fields):
    if isinstance(body, dict):
        return {key: _render_body(value, fields) for key, value in body.items()}
    if isinstance(body, list):
        return [_render_body(value, fields) for value in body]
    if isinstance(body, str):
        return templating.render(body, fields)
    return body


def map_answer(answer, config: dict) -> dict:
    """Pick and rename what the widget shows (a pure function: easy to test, no I/O)."""
    items_path, fields, root = config.get("items_path"), config.get("fields") or {}, config.get("root") or {}
    if items_path is None and not root:
        return answer if isinstance(answer, dict) else {"items": answer}
    result = {name: templating.dig(answer, path) for name, path in root.items()}
    if items_path is not None:
        items = templating.dig(answer, items_path)
        if not isinstance(items, list):
            raise BackendError("items_not_a_list")
        if fields:
            items = [{name: templating.dig(item, path) for name, path in fields.items()} for item in items]
        result["items"] = items
    return result
