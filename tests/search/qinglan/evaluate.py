"""Scoring a search function on the 青岚市 judged set: nDCG@10 over the queries that have a
relevant item (per kind too), the queries that found nothing although something relevant exists,
and for the queries with no good answer, how often the first page stays empty of noise and
whether suggestions are offered instead."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.search.judgments import ndcg_at_10


@dataclass
class Answer:
    keys: list[str]
    total: int
    suggestions: list[str] = field(default_factory=list)


@dataclass
class Report:
    ndcg: float
    per_kind: dict[str, float]
    per_query: dict[str, float]
    zero_with_relevant: list[str]
    no_answer_clean: float
    no_answer_suggested: float
    counts: dict[str, int]


def evaluate(search: Callable[[str], Answer], queries: list[dict]) -> Report:
    per_kind: dict[str, list[float]] = defaultdict(list)
    per_query: dict[str, float] = {}
    zero: list[str] = []
    clean = suggested = no_answer = 0
    for query in queries:
        answer = search(query["q"])
        if not query["judged"]:
            no_answer += 1
            clean += answer.total == 0
            suggested += bool(answer.suggestions)
            continue
        score = ndcg_at_10(answer.keys, query["judged"])
        per_query[query["q"]] = score
        per_kind[query["kind"]].append(score)
        if answer.total == 0:
            zero.append(query["q"])
    scores = list(per_query.values())
    return Report(
        ndcg=sum(scores) / len(scores) if scores else 0.0,
        per_kind={kind: sum(values) / len(values) for kind, values in sorted(per_kind.items())},
        per_query=per_query, zero_with_relevant=zero,
        no_answer_clean=clean / no_answer if no_answer else 1.0,
        no_answer_suggested=suggested / no_answer if no_answer else 1.0,
        counts={kind: len(values) for kind, values in per_kind.items()} | {"no_answer": no_answer},
    )
