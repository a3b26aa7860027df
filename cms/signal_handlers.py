"""Signal handlers of `cms`, connected in ``CmsConfig.ready`` (with dispatch_uid)."""
from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from cms.models import DepartmentSectionPage, GovernmentPage, PolicyPage
from cms.signals import content_expired, privacy_changed

logger = logging.getLogger(__name__)

REPEALED = {PolicyPage.Status.REPEALED, PolicyPage.Status.INVALID}


def set_up_new_section(sender, instance: DepartmentSectionPage, created: bool, raw: bool = False, **kwargs):
    """A new department section gets the department's groups, permissions and workflow."""
    if created and not raw:
        from cms.workflows import setup_department

        setup_department(instance.department)


def announce_scheduled_expiry(sender, instance, **kwargs):
    """Wagtail's scheduler unpublished a page whose expiry time passed: tell listeners."""
    if isinstance(instance, GovernmentPage) and instance.expired:
        logger.info("content expired: %s (%s)", instance.slug, instance.record_type)
        content_expired.send(sender=type(instance), page=instance)


def announce_repealed_policy(sender, instance, **kwargs):
    """Publishing a policy as 废止 / 失效 retires it: tell listeners (sent on every such publish)."""
    if isinstance(instance, PolicyPage) and instance.status in REPEALED:
        content_expired.send(sender=PolicyPage, page=instance)


def announce_restriction_added(sender, instance, created: bool, raw: bool = False, **kwargs):
    """A view restriction on a page: the page and its subtree are no longer public."""
    if created and not raw:
        privacy_changed.send(sender=Page, page=instance.page, public=False)


def announce_restriction_removed(sender, instance, **kwargs):
    """A view restriction removed: the subtree may be public again (if nothing above restricts it)."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # the page itself is not being deleted
        privacy_changed.send(sender=Page, page=page, public=not page.get_view_restrictions().exists())


def connect() -> None:
    post_save.connect(announce_restriction_added, sender=PageViewRestriction, dispatch_uid="cms.restriction_added")
    post_delete.connect(announce_restriction_removed, sender=PageViewRestriction,
                        dispatch_uid="cms.restriction_removed")
    post_save.connect(set_up_new_section, sender=DepartmentSectionPage, dispatch_uid="cms.set_up_new_section")
    page_unpublished.connect(announce_scheduled_expiry, dispatch_uid="cms.announce_scheduled_expiry")
    page_published.connect(announce_repealed_policy, sender=PolicyPage, dispatch_uid="cms.announce_repealed_policy")
