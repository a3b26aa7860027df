"""Wagtail's page signals (and the cms app's expiry signal) → ``changes.public_content_changed``.

Only changes that anonymous clients could see are announced: a page under a view restriction
(private or internal) sends nothing, so subscribers never learn its title. A deletion sends
``deleted`` only (Wagtail unpublishes a page just before deleting it; that unpublish is folded
into the deletion) and only for pages that were live.
"""
from __future__ import annotations

import threading

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.delivery.caching import content_changed
from cms.delivery.changes import public_content_changed

TAXONOMY_MODELS = ("cms.Department", "cms.Topic")

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


def on_taxonomy_changed(sender, **kwargs):
    """A renamed department or topic shows in every item that carries it: drop cached responses."""
    content_changed()


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="delivery.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="delivery.page_unpublished")
    pre_delete.connect(on_pre_delete, sender=Page, dispatch_uid="delivery.page_pre_delete")
    post_delete.connect(on_post_delete, sender=Page, dispatch_uid="delivery.page_post_delete")
    for label in TAXONOMY_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(on_taxonomy_changed, sender=model, dispatch_uid=f"delivery.taxonomy.{label}.{id(signal)}")
    from cms.signals import content_expired

    content_expired.connect(on_expired, dispatch_uid="delivery.content_expired")
