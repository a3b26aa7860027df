"""The editable defaults of query understanding, as plain text files beside this module:
``synonyms.txt`` (loaded into the 同义词 admin table), ``question_words.txt``, ``stopwords.txt``,
``popular.txt``, ``channels.txt`` and ``channel_words.txt``. Lines starting with ``#`` are comments."""
from __future__ import annotations

import functools
from pathlib import Path

HERE = Path(__file__).resolve().parent


def lines(name: str) -> list[str]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    return frozenset(word for line in lines(name) for word in line.split())


def synonym_rules() -> list[tuple[str, str]]:
    """(terms, expands_to) pairs in the shape of ``search.Synonym``: ``a, b => c`` is one-way,
    ``a, b`` an equivalence (``expands_to`` empty)."""
    rules = []
    for line in lines("synonyms.txt"):
        terms, _, targets = line.partition("=>")
        rules.append((terms.strip(), targets.strip()))
    return rules
