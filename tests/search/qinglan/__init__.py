"""A second judged set, not the demo: 青岚市, a fictional city written the way real government
sites write (see ``catalogue.py`` and ``generate.py``). ``heldout_*`` files are the held-out part:
never tune on them."""
from __future__ import annotations


import json
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = {"dev": "dev_queries.json", "heldout": "heldout_queries.json"}


def documents(root: Path = HERE) -> list:
    """The 青岚市 corpus as search documents (engine-agnostic, no CMS pages needed); ``root``: a
    variant written by ``generate.py --out``."""
    from search.documents import SearchDocument

    docs = []
    for data in json.loads((root / "corpus.json").read_text()):
        data = dict(data)
        data["published_at"] = datetime.fromisoformat(data["published_at"])
        docs.append(SearchDocument(**data))
    return docs


def queries(part: str, root: Path = HERE) -> list[dict]:
    """``dev`` (tune on it) or ``heldout`` (report it; look at it only at the end)."""
    return json.loads((root / PARTS[part]).read_text())
