"""The delivery app's outbound HTTP (webhooks, cache purges) is the project's one outbound module
(``config.outbound``: timeouts, no redirects, private addresses blocked for webhook URLs typed
into the admin). Webhook sends use the delivery timeout setting."""
from __future__ import annotations

from django.conf import settings

from config import outbound
from config.outbound import HttpResult  # noqa: F401  (re-exported for callers)


def send(method: str, url: str, *, content: bytes = b"", headers: dict[str, str] | None = None,
         timeout: float | None = None, trusted: bool = False) -> HttpResult:
    """``trusted``: the destination comes from deployment configuration (purge URLs), not a form."""
    timeout = timeout if timeout is not None else settings.DELIVERY_WEBHOOK_TIMEOUT
    return outbound.send(method, url, content=content, headers=headers, timeout=timeout, trusted=trusted)
