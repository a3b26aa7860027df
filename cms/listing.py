"""Filtering, sorting and pagination of the public index pages (pure query-building, no views).

Unknown or malformed filter values are ignored rather than failing: these are public HTML pages
reached by hand-edited URLs; the JSON APIs are stricter (400)."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from cms.models.taxonomy import Department, Topic
from config.hostile_input import ascii_int

PAGE_SIZE = 10
SORTS = {
    "newest": ("-published_at", "-pk"),
    "oldest": ("published_at", "pk"),
    "title": ("title", "pk"),
}


@dataclass
class Listing:
    page: object  # django Page of results
    filters: dict = field(default_factory=dict)
    departments: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    years: list = field(default_factory=list)
    sort: str = "newest"


def build_listing(queryset, params, *, statuses=None, page_size: int = PAGE_SIZE) -> Listing:
    """Apply the query-string filters ``department``, ``topic`` (slugs), ``year``, ``status``
    (when ``statuses`` is given) and ``sort``, then paginate with ``page``."""
    base = queryset
    filters: dict = {}
    department = params.get("department", "")
    if department:
        queryset = queryset.filter(department__slug=department)
        filters["department"] = department
    topic = params.get("topic", "")
    if topic:
        queryset = queryset.filter(topics__slug=topic).distinct()
        filters["topic"] = topic
    year = params.get("year", "")
    if ascii_int(year, minimum=1000, maximum=9999) is not None:  # "0000", "²²²²": ignored
        queryset = queryset.filter(published_at__year=int(year))
        filters["year"] = year
    status = params.get("status", "")
    if statuses and status in statuses:
        queryset = queryset.filter(status=status)
        filters["status"] = status
    sort = params.get("sort", "newest")
    if sort not in SORTS:
        sort = "newest"
    queryset = queryset.order_by(*SORTS[sort])
    paginator = Paginator(queryset, page_size)
    return Listing(
        page=paginator.get_page(params.get("page")),
        filters=filters,
        departments=list(Department.objects.filter(pk__in=base.values("department"))),
        topics=list(Topic.objects.filter(pk__in=base.values("topics"))),
        years=sorted({d.year for d in base.dates("published_at", "year")}, reverse=True),
        sort=sort,
    )
