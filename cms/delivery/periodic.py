"""Periodic work of the headless API, run by ``manage.py run_periodic``: webhook deliveries whose
retry is due (and any the task queue lost)."""
from ops.periodic import register_periodic_job


@register_periodic_job("delivery.webhooks", interval=15)
def deliver_due_webhooks() -> None:
    from cms.delivery.tasks import deliver_webhook, due_delivery_ids

    for delivery_id in due_delivery_ids():
        deliver_webhook.call(delivery_id)
