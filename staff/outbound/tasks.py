"""Celery adapters for outbound delivery (registered through staff.tasks)."""

from celery import shared_task
from django.utils import timezone

from ..outbox import enqueue


@shared_task(ignore_result=True)
def fan_out_event(event_id: int) -> None:
    """After the causing transaction commits: one delivery per target, each queued to send."""
    from .services import fan_out

    for delivery_id in fan_out(event_id, now=timezone.now()):
        enqueue(deliver_delivery, delivery_id)


@shared_task(ignore_result=True)
def deliver_delivery(delivery_id: int) -> None:
    from .services import deliver

    deliver(delivery_id, now=timezone.now())


@shared_task(ignore_result=True)
def send_due_deliveries() -> int:
    """Every minute (beat row from a migration): missed fan-outs and due retries (SEC-9)."""
    from .services import send_due

    return send_due(now=timezone.now())
