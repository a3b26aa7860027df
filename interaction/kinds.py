"""The kinds of items (咨询, 投诉, 建议, 求助, and 整改 opened by a 差评), as data.

One registry instead of if-chains: the form, the API's ``kind`` values, default time limits and
labels all read it. ``public`` kinds are the ones a citizen may submit; 整改 is opened by the
system when a service guide gets a bad rating.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default_days: int
    public: bool = True
    description: str = ""


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("consultation", _("咨询"), 5, description=_("询问政策、办事要求等。")),
        Kind("complaint", _("投诉"), 15, description=_("反映工作人员或办事过程中的问题。")),
        Kind("suggestion", _("建议"), 15, description=_("对政府工作提出意见和建议。")),
        Kind("help", _("求助"), 5, description=_("遇到困难，请求政府部门帮助。")),
        Kind("rectification", _("整改"), 10, public=False,
             description=_("服务评价为差评后，由办事指南所属部门整改并答复。")),
    )
}

PUBLIC_KINDS = [kind for kind in KINDS.values() if kind.public]


def kind_choices(public_only: bool = False) -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in KINDS.values() if kind.public or not public_only]


def get_kind(key: str) -> Kind:
    return KINDS[key]
