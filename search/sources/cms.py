"""The CMS page types as a search source: ServiceGuidePage, NoticePage and PolicyPage become
search documents here, so the `cms` app never needs to know about search.

Field names follow shared/contracts/content.schema.json. Access follows Wagtail's page view
restrictions (the page's and its ancestors'): groups → ``group:<name>``, login → ``authenticated``,
password → nobody finds it through search (a password cannot be checked in a result list)."""
from __future__ import annotations

from django.utils.functional import cached_property

from cms.vocabulary import NO_LONGER_IN_FORCE
from search.documents import AUTHENTICATED, PUBLIC, SearchDocument, group_token
from search.registry import SearchSource, register_source
from search.text import strip_html



def _stream_text(value, fields: tuple[str, ...]) -> str:
    parts = []
    for block in value or []:
        data = block.value
        parts.append(" ".join(str(data.get(name) or "") for name in fields if data.get(name)))
    return "\n".join(p for p in parts if p)


def access_from(restrictions) -> list[str]:
    """Who may find a page, from its own and its ancestors' view restrictions (the one rule)."""
    from wagtail.models import PageViewRestriction

    restrictions = list(restrictions)
    if not restrictions:
        return [PUBLIC]
    allowed: set[str] | None = None
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return []
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            names = {group_token(group.name) for group in restriction.groups.all()}
            allowed = names if allowed is None else allowed & names  # every restriction must pass
    return sorted(allowed) if allowed is not None else [AUTHENTICATED]


def page_access(page) -> list[str]:
    return access_from(page.get_view_restrictions().prefetch_related("groups"))


class RestrictionMap:
    """Every view restriction of the site, read once (two queries), so a rebuild finds each
    page's restrictions by its tree path instead of querying per page."""

    def __init__(self) -> None:
        from wagtail.models import PageViewRestriction

        self.by_path: dict[str, list] = {}
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
            self.by_path.setdefault(restriction.page.path, []).append(restriction)

    def access(self, page) -> list[str]:
        path, step = page.path, page.steplen
        return access_from(r for depth in range(step, len(path) + 1, step) for r in self.by_path.get(path[:depth], []))


class SiteRoots:
    """Wagtail's cache object for URLs: the sites' root paths are read once and kept here, where
    each page's URL would otherwise fetch them from the cache again (a rebuild derives thousands)."""


class CmsPageSource(SearchSource):
    """All live content pages of the CMS (the models in ``cms.models.CONTENT_TYPES``)."""

    name = "page"
    types = ("service_guide", "notice", "policy")

    @cached_property
    def model(self):
        return _base_model()

    def key_for(self, obj) -> str:
        return f"page:{obj.pk}"

    def get_queryset(self):
        from wagtail.models import Page

        models = [m for m in (_content_models().values())]
        return Page.objects.live().type(*models).specific() if models else Page.objects.none()

    def count(self) -> int:
        return sum(model.objects.live().count() for model in _content_models().values())

    def documents(self, batch_size: int = 500):
        """Every live page's document for a rebuild, without a query per page: one query per
        model and chunk (department joined, topics prefetched) and the view restrictions read
        once. The per-page rule stays ``to_document``."""
        restrictions = RestrictionMap()
        sites = SiteRoots()
        for model in _content_models().values():
            pages = model.objects.live().select_related("department").prefetch_related("topics").order_by("pk")
            for page in pages.iterator(chunk_size=batch_size):
                yield self.key_for(page), self.to_document(page, access=restrictions.access(page), sites=sites)

    def to_document(self, page, *, access: list[str] | None = None, sites=None) -> SearchDocument | None:
        """The page's search document. ``sites``: a ``SiteRoots`` shared by many calls (a rebuild)."""
        page = page.specific
        if page.has_unpublished_changes and page.pk:
            # Only the live revision is ever indexed. An object in hand may carry a draft (the
            # importer without --publish, an admin save); the page row always holds the live one.
            page = type(page).objects.filter(pk=page.pk).first()
            if page is None:
                return None
        if not page.live:
            return None
        record_type = getattr(page, "record_type", "")
        if record_type not in self.types:
            return None
        department = getattr(page, "department", None)
        doc = SearchDocument(
            key=self.key_for(page), type=record_type, slug=page.slug, title=page.title,
            url=page.get_full_url(sites) or page.get_url(sites) or "",
            summary=getattr(page, "summary", "") or "",
            body=strip_html(getattr(page, "body", "") or ""),
            department=department.name if department else "",
            topics=[topic.name for topic in page.topics.all()] if hasattr(page, "topics") else [],
            audience=list(getattr(page, "audience", None) or []),
            published_at=getattr(page, "published_at", None) or page.first_published_at,
            expires_at=getattr(page, "expires_at", None),
            access=page_access(page) if access is None else access,
        )
        if record_type == "service_guide":
            doc.materials = _stream_text(page.materials, ("name", "form", "note"))
            doc.legal_basis = page.legal_basis or ""
            doc.faqs = _stream_text(page.faqs, ("question", "answer"))
            doc.extra = "\n".join(filter(None, [page.conditions, page.item_code, page.item_type, page.fees,
                                                _stream_text(page.procedure, ("name", "description"))]))
        elif record_type == "policy":
            doc.doc_number = page.doc_number or ""
            doc.extra = "\n".join(filter(None, [page.index_number, page.issuer, page.theme_category,
                                                page.status]))
            doc.validity = "invalid" if page.status in NO_LONGER_IN_FORCE else "valid"
        return doc


def _content_models() -> dict:
    from cms.models import CONTENT_TYPES  # imported late: the search app loads before the CMS models

    return CONTENT_TYPES


def _base_model():
    from cms.models import GovernmentPage

    return GovernmentPage


register_source(CmsPageSource())
