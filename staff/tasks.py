from celery import shared_task
from django.utils import timezone


@shared_task(ignore_result=True)
def send_notification_email(notification_id: int) -> None:
    """E-mail one notification to its recipient (queued after the notification is committed)."""
    from .emails import send_notification

    send_notification(notification_id)


@shared_task(ignore_result=True)
def send_pending_notification_emails() -> int:
    """Every 5 minutes (beat row from a migration): send the e-mails still pending (SEC-9)."""
    from .emails import send_pending

    return send_pending(now=timezone.now())


@shared_task
def ping() -> str:
    """Health check used by the service suite: proves a real worker executes our tasks."""
    return "pong"


# Outbound webhooks and robots live in staff.outbound; importing them here registers them with
# the worker (autodiscovery reads each app's tasks module only).
from .outbound.tasks import deliver_delivery, fan_out_event, send_due_deliveries  # noqa: E402, F401
