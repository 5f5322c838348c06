from celery import shared_task


@shared_task(ignore_result=True)
def send_notification_email(notification_id: int) -> None:
    """E-mail one notification to its recipient (queued after the notification is committed)."""
    from .emails import send_notification

    send_notification(notification_id)


@shared_task
def ping() -> str:
    """Health check used by the service suite: proves a real worker executes our tasks."""
    return "pong"
