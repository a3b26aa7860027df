"""Wagtail's workflow signals start and stop the clocks of workflow steps."""
from __future__ import annotations

from wagtail.signals import task_approved, task_cancelled, task_rejected, task_submitted


def on_task_submitted(sender, instance, **kwargs):
    from oversight.monitor import start_workflow_clock

    start_workflow_clock(instance)


def on_task_finished(sender, instance, **kwargs):
    from oversight.monitor import stop_clock

    stop_clock("workflow", instance.pk, instance.finished_at)


def connect() -> None:
    task_submitted.connect(on_task_submitted, dispatch_uid="oversight.task_submitted")
    for signal, name in ((task_approved, "approved"), (task_rejected, "rejected"), (task_cancelled, "cancelled")):
        signal.connect(on_task_finished, dispatch_uid=f"oversight.task_{name}")
