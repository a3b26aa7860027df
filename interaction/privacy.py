"""Masking personal data in lists and exports (names, phones, e-mail) and removing it from
published answers. Pure functions, one rule each."""
from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***, Alice → A****."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; short numbers keep only their last two digits."""
    digits = (phone or "").strip()
    if len(digits) >= 8:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * max(0, len(digits) - 2) + digits[-2:]


def mask_email(email: str) -> str:
    local, at, domain = (email or "").partition("@")
    if not at:
        return mask_name(local)
    return (local[:1] + "***@" + domain) if local else ""


# mobile numbers, landlines, ID card numbers and e-mail addresses inside free text
_TEXT_PATTERNS = [
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), _("[身份证号已隐去]")),
    (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), _("[电话已隐去]")),
    (re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"), _("[电话已隐去]")),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), _("[邮箱已隐去]")),
]


def scrub_text(text: str, *, names: tuple[str, ...] = ()) -> str:
    """Text fit for publication: numbers and addresses that identify someone are replaced, and
    the asker's own name (when given) too."""
    for pattern, replacement in _TEXT_PATTERNS:
        text = pattern.sub(str(replacement), text or "")
    for name in names:
        name = (name or "").strip()
        if len(name) >= 2:
            text = text.replace(name, mask_name(name))
    return text
