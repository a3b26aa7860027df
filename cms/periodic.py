"""Periodic work of `cms`, run by the one periodic worker (``manage.py run_periodic``)."""
from django.conf import settings

from ops.periodic import register_periodic_job


@register_periodic_job("cms.publish_scheduled", interval=lambda: settings.CMS_SCHEDULER_INTERVAL)
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time came, unpublish expired ones (``run_scheduler.tick``)."""
    from cms.management.commands.run_scheduler import Command

    Command().tick()
