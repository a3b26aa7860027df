"""Bigram tokens for the database's own full-text indexes (SQLite FTS5, PostgreSQL tsvector).

Chinese has no spaces, so the text is cut into overlapping character pairs (营业执照 → 营业, 业执,
执照); a word of the query is then the *phrase* of its pairs, which matches exactly where the
word occurs, like a substring search but from an index. Each pair is written as plain ASCII
letters (``z`` + the two code points in base-16 letters), so neither SQLite's ``unicode61``
tokenizer nor PostgreSQL's parser (whose idea of a letter depends on the database locale) can
split or drop it. Latin words and numbers stay as they are (lower case)."""
from __future__ import annotations

import re
import unicodedata

_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
MAX_BODY_CHARS = 6000


class _Codes(dict):
    """Character → its letters, computed the first time a character is met: a rebuild writes
    ~200 pairs per page, and formatting each code point again was a third of its Python time."""

    def __missing__(self, ch: str) -> str:
        code = self[ch] = f"{ord(ch):05x}".translate(_LETTERS)
        return code


_CODES = _Codes()
_char = _CODES.__getitem__


def bigram(pair: str) -> str:
    return "z" + "".join(_char(ch) for ch in pair)


def unigram(ch: str) -> str:
    return "y" + _char(ch)


def tokens(text: str) -> list[str]:
    tokens_: list[str] = []
    for run in _RUNS.findall(unicodedata.normalize("NFKC", text or "").lower()):
        if not _CJK.match(run):
            tokens_.append(run)
        elif len(run) == 1:
            tokens_.append(unigram(run))
        else:
            codes = list(map(_char, run))
            tokens_.extend(["z" + a + b for a, b in zip(codes, codes[1:])])
    return tokens_


def grams(text: str, limit: int | None = None) -> str:
    return " ".join(tokens(text[:limit] if limit else text))


def term_tokens(term: str) -> tuple[list[str], bool]:
    """The tokens of one query word, and whether it is a lone Chinese character (then it is
    looked for as the first half of any pair, or alone)."""
    found = tokens(term)
    lone = len(found) == 1 and found[0].startswith("y") and _CJK.fullmatch(term.strip() or "x") is not None
    return found, lone
