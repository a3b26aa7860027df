"""THE visibility rule of the project, in one place: a page may be shown to a reader when it is

* live (its live revision; drafts never count),
* not the tree root,
* not past its ``expires_at`` (checked at query time, so an expired notice disappears at once,
  not when the scheduler next runs),
* and every view restriction on it or its ancestors lets this reader in.

Pages (``GovernmentPage.serve``), feeds, the sitemap, the content API, the portal's CMS widgets and
document access all ask here; search stores the same facts (access tokens, ``expires_at``) in its
index and filters on them at query time (``search.sources.cms``).

A *reader* is a :class:`Reader` (anonymous, logged in, in some groups, superuser). Password
restrictions are never satisfied in lists, feeds, widgets or the API: a password is checked only by
Wagtail's own form on the page itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, get_page_models


@dataclass(frozen=True)
class Reader:
    """Who is looking. Build it with :func:`reader_for` (a Django user) or directly (the portal
    passes the official's roles)."""

    authenticated: bool = False
    groups: frozenset[str] = field(default_factory=frozenset)
    superuser: bool = False

    def passes(self, restriction: PageViewRestriction, group_names: set[str] | None = None) -> bool:
        kind = restriction.restriction_type
        if kind == PageViewRestriction.LOGIN:
            return self.authenticated
        if kind == PageViewRestriction.GROUPS:
            if self.superuser:
                return True
            names = group_names if group_names is not None else set(restriction.groups.values_list("name", flat=True))
            return self.authenticated and bool(names & self.groups)
        return False  # PASSWORD (and any unknown kind): only Wagtail's form on the page itself


ANONYMOUS = Reader()


def reader_for(user) -> Reader:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return ANONYMOUS
    return Reader(authenticated=True, groups=frozenset(user.groups.values_list("name", flat=True)),
                  superuser=bool(user.is_superuser))


def expiring_models() -> list[type]:
    """Concrete page models with an ``expires_at`` field (notices, and any other that has one)."""
    found = []
    for model in get_page_models():
        try:
            model._meta.get_field("expires_at")
        except FieldDoesNotExist:
            continue
        if not model._meta.abstract:
            found.append(model)
    return found


def not_expired_q(at=None) -> Q:
    return Q(expires_at__isnull=True) | Q(expires_at__gt=at or timezone.now())


def _closed_paths(reader: Reader) -> list[str]:
    """Tree paths of restricted pages this reader may not enter (their subtrees are hidden)."""
    if not reader.authenticated:  # every restriction closes: one query, as Wagtail's .public()
        return list(PageViewRestriction.objects.values_list("page__path", flat=True))
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    closed = []
    for restriction in restrictions:
        names = {group.name for group in restriction.groups.all()}
        if not reader.passes(restriction, names):
            closed.append(restriction.page.path)
    return closed


def restricted_for(reader: Reader) -> Q:
    """A ``Q`` matching pages inside a subtree this reader may not enter."""
    query = Q(pk__in=[])
    for path in _closed_paths(reader):
        query |= Q(path__startswith=path)
    return query


def visible_pages(model=Page, reader: Reader = ANONYMOUS, at=None):
    """Pages of ``model`` (``Page``: every type) this reader may see now."""
    at = at or timezone.now()
    queryset = model.objects.live().filter(depth__gt=1).exclude(restricted_for(reader))
    expiring = expiring_models()
    if model is Page:
        for expiring_model in expiring:
            queryset = queryset.exclude(pk__in=expiring_model.objects.exclude(not_expired_q(at)).values("pk"))
    elif model in expiring:
        queryset = queryset.filter(not_expired_q(at))
    return queryset


def public_pages(model=Page, at=None):
    """What an anonymous citizen (and a CDN) may see."""
    return visible_pages(model, ANONYMOUS, at)


def is_expired(page, at=None) -> bool:
    expires_at = getattr(page, "expires_at", None)
    return bool(expires_at and expires_at <= (at or timezone.now()))


def is_visible(page, reader: Reader = ANONYMOUS, at=None) -> bool:
    """The same rule for one page already in hand."""
    if not page.live or page.depth <= 1 or is_expired(page.specific if hasattr(page, "specific") else page, at):
        return False
    return all(reader.passes(restriction) for restriction in page.get_view_restrictions())


def is_public(page, at=None) -> bool:
    return is_visible(page, ANONYMOUS, at)
