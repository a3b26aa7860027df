"""Text helpers shared by both engines: Chinese segmentation, document-number normalisation,
HTML stripping and snippet highlighting (for the database fallback)."""
from __future__ import annotations

import functools
import html
import re

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
# 〔2024〕, [2024], (2024), 【2024】, ［2024］, （2024）, 第…号 are typed in many ways: keep only the
# letters and digits so that 穗工商〔2024〕12号 and 穗工商2024 12号 compare equal.
_NOISE_CHARS = frozenset("〔〕[]［］()（）【】{}<>《》-—_·.,，、")
_DOC_NUMBER_NOISE = re.compile("[\\s" + re.escape("".join(sorted(_NOISE_CHARS))) + "]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_YEAR_IN_BRACKETS = re.compile(r"[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]")


def strip_html(value: str) -> str:
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", value or ""))).strip()


def normalize_doc_number(value: str) -> str:
    return _DOC_NUMBER_NOISE.sub("", value or "").lower()


def looks_like_doc_number(query: str) -> bool:
    """文号 look like 穗工商〔2024〕12号: some characters, a four-digit year, a number, 号."""
    compact = normalize_doc_number(query)
    return bool(re.search(r"\d{4}\d+号$", compact) or _YEAR_IN_BRACKETS.search(query or ""))


def normalize_query(query: str) -> str:
    """What analytics and promoted results compare: trimmed, single-spaced, lower case."""
    return _SPACES.sub(" ", (query or "").strip()).lower()


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


@functools.lru_cache(maxsize=1)
def _segmenter():
    """jieba-rs (``rjieba``): the same dictionary and the same cuts as jieba, ~17x faster, so
    segmenting 100,000 documents no longer bounds indexing (BENCHMARKS.md, search speed).
    Words added for indexing go through ``add_word`` on this object too."""
    import rjieba

    return rjieba.Jieba()


def segment(text: str) -> list[str]:
    """jieba's search-engine mode: long words and their parts (个体工商户 → 个体, 工商, 工商户, ...)."""
    if not text:
        return []
    # a token that is one bracket or punctuation mark says nothing (a set lookup: this runs for
    # every word of every document indexed)
    return [token.lower() for token in map(str.strip, _segmenter().cut_for_search(text, True))
            if token and token not in _NOISE_CHARS]


def segmented(text: str) -> str:
    return " ".join(segment(text))


def query_terms(query: str) -> list[str]:
    """Terms the database fallback looks for: words separated by spaces, and long Chinese runs
    cut by jieba so that 营业执照遗失补领 also finds items that only say 营业执照 and 补领."""
    terms: list[str] = []
    for word in normalize_query(query).split(" "):
        if not word:
            continue
        if _CJK.search(word) and len(word) > 4:
            parts = [t for t in segment(word) if len(t) >= 2 or not _CJK.search(t)]
            longest = [t for t in parts if not any(t != o and t in o for o in parts)]
            terms.extend(longest or [word])
        else:
            terms.append(word)
    seen: list[str] = []
    for term in terms:
        if term not in seen:
            seen.append(term)
    return seen


def _merged_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where any term occurs in ``text`` (case-insensitive), overlapping or touching matches
    merged into one span: marking each term separately would nest or cross the tags."""
    spans = sorted((m.start(), m.end()) for term in {t for t in terms if t}
                   for m in re.finditer(re.escape(term), text, flags=re.IGNORECASE))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str], *, width: int = 120) -> str:
    """An HTML-escaped snippet of ``text`` around the first term, terms wrapped in <mark>.

    Matches are found on the plain text and merged before escaping, so overlapping terms
    (``mark`` and ``ar``) give one well-formed ``<mark>`` and never a tag inside a word or entity."""
    plain = text or ""
    spans = _merged_spans(plain, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    window = plain[start:start + width]
    pieces, cursor = [], 0
    for span_start, span_end in _merged_spans(window, terms):
        pieces.append(html.escape(window[cursor:span_start]))
        pieces.append(f"<mark>{html.escape(window[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(html.escape(window[cursor:]))
    return ("…" if start else "") + "".join(pieces) + ("…" if start + width < len(plain) else "")
