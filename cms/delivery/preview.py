"""Short-lived signed preview tokens: an editor hands one to an external front end, which may then
read that one revision of that one page through ``/api/v1/preview/<page_id>/``.

The token is a Django signature (``SECRET_KEY``, its own salt) over the page and revision ids with
the signing time, so it cannot be forged or moved to another page, and it expires after
``DELIVERY_PREVIEW_TTL`` seconds.
"""
from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext

SALT = "cms.delivery.preview"


class PreviewTokenError(Exception):
    """The token is forged, expired, or for another page; the message says which."""


def make_token(page_id: int, revision_id: int) -> str:
    return signing.dumps({"p": page_id, "r": revision_id}, salt=SALT)


def revision_id_for(token: str, page_id: int) -> int:
    """Return the revision the token grants for ``page_id``, or raise ``PreviewTokenError``."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.DELIVERY_PREVIEW_TTL)
    except signing.SignatureExpired as exc:
        raise PreviewTokenError(gettext("预览令牌已过期")) from exc
    except signing.BadSignature as exc:
        raise PreviewTokenError(gettext("预览令牌无效")) from exc
    if not isinstance(data, dict) or data.get("p") != page_id or not isinstance(data.get("r"), int):
        raise PreviewTokenError(gettext("预览令牌不属于此页面"))
    return data["r"]


def frontend_url(page_id: int, token: str) -> str:
    """The external front end's preview address, from ``DELIVERY_PREVIEW_FRONTEND_URL``."""
    template = settings.DELIVERY_PREVIEW_FRONTEND_URL
    return template.format(page_id=page_id, token=token) if template else ""
