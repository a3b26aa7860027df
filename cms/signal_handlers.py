"""Signal handlers of `cms`, connected in ``CmsConfig.ready`` (with dispatch_uid)."""
from __future__ import annotations

import logging

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from cms.models import DepartmentSectionPage, GovernmentPage, PolicyPage
from cms.signals import content_expired

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


def connect() -> None:
    post_save.connect(set_up_new_section, sender=DepartmentSectionPage, dispatch_uid="cms.set_up_new_section")
    page_unpublished.connect(announce_scheduled_expiry, dispatch_uid="cms.announce_scheduled_expiry")
    page_published.connect(announce_repealed_policy, sender=PolicyPage, dispatch_uid="cms.announce_repealed_policy")
