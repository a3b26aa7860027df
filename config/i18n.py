"""Small language-aware helpers for text the code puts together.

Chinese lists use the enumeration comma (甲、乙、丙) and clauses the full-width semicolon; English
uses ", " and "; ". Joining with a literal "、" would leave Chinese punctuation in English pages, so
code that joins words for people joins them here (the separators are catalogue entries)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import lazy
from django.utils.translation import pgettext


def join_list(items: Iterable) -> str:
    """甲、乙、丙 in Chinese, "a, b, c" in English."""
    return pgettext("list separator", "、").join(map(str, items))


#: ``join_list`` for module-level texts (help texts, labels), joined in the reader's language.
join_list_lazy = lazy(join_list, str)


def join_clauses(items: Iterable) -> str:
    """甲；乙 in Chinese, "a; b" in English."""
    return pgettext("clause separator", "；").join(map(str, items))
