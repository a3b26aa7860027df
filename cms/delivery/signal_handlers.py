"""Wagtail's page signals (and the cms app's expiry signal) → ``changes.public_content_changed``.

Only changes that anonymous clients could see are announced: a page under a view restriction
(private or internal) sends nothing, so subscribers never learn its title. A deletion sends
``deleted`` only (Wagtail unpublishes a page just before deleting it; that unpublish is folded
into the deletion) and only for pages that were live.

Changes that alter public pages without an event of their own also make every cached response
stale (a new content generation) and purge the front-end caches: a move (the old and the new
URL), a view restriction added or removed (a page turning internal must leave every cache at
once), and edits of the taxonomies and of site-wide settings shown on every page.
"""
from __future__ import annotations

import threading

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.delivery.caching import content_changed
from cms.delivery.changes import ancestor_urls, public_content_changed, purge_after_commit

# Shown on many pages at once: a change makes every cached response stale.
TAXONOMY_MODELS = ("cms.Department", "cms.Topic", "wagtailcore.Site", "themes.ThemeSettings")

_deleting = threading.local()


def _being_deleted() -> set[int]:
    if not hasattr(_deleting, "ids"):
        _deleting.ids = set()
    return _deleting.ids


def _announceable(page) -> bool:
    return page.depth > 1 and not page.get_view_restrictions().exists()


def on_published(sender, instance, **kwargs):
    if _announceable(instance):
        public_content_changed("published", instance)


def on_unpublished(sender, instance, **kwargs):
    if instance.pk in _being_deleted() or not _announceable(instance):
        return
    public_content_changed("unpublished", instance)


def on_pre_delete(sender, instance, **kwargs):
    # Runs before Wagtail's own pre_delete handler (which unpublishes the page) because this app
    # is listed before wagtail in INSTALLED_APPS, so ``live`` is still the real state here.
    if instance.live and _announceable(instance):
        _being_deleted().add(instance.pk)


def on_post_delete(sender, instance, **kwargs):
    if instance.pk in _being_deleted():
        _being_deleted().discard(instance.pk)
        public_content_changed("deleted", instance)


def on_expired(sender, instance=None, page=None, **kwargs):
    page = instance or page
    if page is not None and _announceable(page):
        public_content_changed("expired", page)


def announce_privacy_change(sender, page=None, public: bool = False, **kwargs):
    """A view restriction added (``public=False``) purges and announces like an unpublish of every
    live page under it; removed (``public=True``) like a publish of those now public."""
    from wagtail.models import PageViewRestriction

    from cms.visibility import is_expired, public_pages

    if page is None:
        return
    if public:
        pages, event = list(public_pages().filter(path__startswith=page.path).specific()), "published"
    else:  # what was public until now: live, unexpired, not under another restriction
        others = [path for path in PageViewRestriction.objects.exclude(page_id=page.pk)
                  .values_list("page__path", flat=True)]
        pages = [item for item in Page.objects.filter(path__startswith=page.path, depth__gt=1).live().specific()
                 if not any(item.path.startswith(path) for path in others) and not is_expired(item)]
        event = "unpublished"
    for item in pages:
        public_content_changed(event, item)
    content_changed()


def on_taxonomy_changed(sender, **kwargs):
    """A renamed department or topic shows in every item that carries it: drop cached responses.
    A site-settings row created with its defaults (on a page's first view) changes nothing."""
    if kwargs.get("created") and _default_site_setting(sender, kwargs.get("instance")):
        return
    content_changed()


def _default_site_setting(model, instance) -> bool:
    from wagtail.contrib.settings.models import BaseSiteSetting

    if instance is None or not issubclass(model, BaseSiteSetting):
        return False
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.name != "site"]
    return all(getattr(instance, f.attname) == f.get_default() for f in fields)


def on_moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    if not instance.live:
        return
    content_changed()
    urls = [url for url in (instance.get_full_url(), _full_url(url_path_before)) if url]
    purge_after_commit(urls + ancestor_urls(instance) + _parent_urls(kwargs.get("parent_page_before")),
                       page_id=instance.pk)


def _full_url(url_path: str) -> str | None:
    """The public URL a page had at ``url_path`` (before a move), from the Sites' root paths."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return root.root_url.rstrip("/") + "/" + url_path[len(root.root_path):]
    return None


def _parent_urls(parent) -> list[str]:
    if parent is None:
        return []
    return [url for url in [parent.get_full_url()] if url] + ancestor_urls(parent)


def on_privacy_changed(sender, instance, **kwargs):
    """A restriction added or removed changes who may see the page and its descendants."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    page = getattr(instance, "page", None)
    content_changed()
    if page is not None:
        purge_after_commit([url for url in [page.get_full_url()] if url] + ancestor_urls(page), page_id=page.pk)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="delivery.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="delivery.page_unpublished")
    pre_delete.connect(on_pre_delete, sender=Page, dispatch_uid="delivery.page_pre_delete")
    post_page_move.connect(on_moved, dispatch_uid="delivery.page_moved")
    for signal in (post_save, post_delete):
        signal.connect(on_privacy_changed, sender=PageViewRestriction,
                       dispatch_uid=f"delivery.page_privacy.{id(signal)}")
    m2m_changed.connect(on_privacy_changed, sender=PageViewRestriction.groups.through,
                        dispatch_uid="delivery.page_privacy.groups")
    post_delete.connect(on_post_delete, sender=Page, dispatch_uid="delivery.page_post_delete")
    for label in TAXONOMY_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(on_taxonomy_changed, sender=model, dispatch_uid=f"delivery.taxonomy.{label}.{id(signal)}")
    from cms.signals import content_expired, privacy_changed

    content_expired.connect(on_expired, dispatch_uid="delivery.content_expired")
    privacy_changed.connect(announce_privacy_change, dispatch_uid="delivery.privacy_changed")
