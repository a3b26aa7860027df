"""The unified search document: what every searchable item becomes, whatever its model.

Both engines (Elasticsearch and the database fallback) index exactly this shape, so ranking,
filters and permissions are defined once, on these fields, and never on model internals."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime

from search.text import normalize_doc_number

PUBLIC = "public"
AUTHENTICATED = "authenticated"  # any logged-in user (Wagtail's "login" restriction)


def group_token(name: str) -> str:
    return f"group:{name}"


@dataclass
class SearchDocument:
    """One searchable item. ``key`` is unique across sources (e.g. ``page:42``).

    ``access`` lists who may see it: ``public``, ``authenticated`` or ``group:<name>`` tokens; an
    empty list means nobody finds it through search (e.g. password-protected pages).
    ``validity`` is ``valid`` or ``invalid`` (repealed / expired policies rank lower)."""

    key: str
    type: str
    slug: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    materials: str = ""
    legal_basis: str = ""
    doc_number: str = ""
    faqs: str = ""
    extra: str = ""
    department: str = ""
    topics: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    expires_at: datetime | None = None
    validity: str = "valid"
    access: list[str] = field(default_factory=lambda: [PUBLIC])

    @property
    def year(self) -> int | None:
        return self.published_at.year if self.published_at else None

    @property
    def doc_number_norm(self) -> str:
        return normalize_doc_number(self.doc_number)

    def searchable_text(self) -> str:
        """Everything below the title and summary that should still be found."""
        return "\n".join(part for part in (self.body, self.materials, self.legal_basis,
                                           self.doc_number, self.faqs, self.extra) if part)

    def as_dict(self) -> dict:
        # the fields are strings, dates and lists of strings: copying the lists is all that
        # ``dataclasses.asdict``'s recursive deep copy did, at a fifth of its cost per document
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in ("topics", "audience", "access"):
            data[name] = list(data[name])
        data["year"] = self.year
        data["doc_number_norm"] = self.doc_number_norm
        for name in ("published_at", "expires_at"):
            data[name] = data[name].isoformat() if data[name] else None
        return data
