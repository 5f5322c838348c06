"""State changes for staff: notifications. One transaction per operation."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Notification, Staff


@transaction.atomic
def notify(*, recipient: Staff, text: str, link: str = "") -> Notification:
    """Leave an in-app message for one person; e-mail it too when e-mail is configured."""
    notification = Notification.objects.create(recipient=recipient, text=str(text), link=link)
    if settings.NOTIFY_BY_EMAIL and recipient.email:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


@transaction.atomic
def notify_many(*, recipients, text: str, link: str = "") -> list[Notification]:
    return [notify(recipient=person, text=text, link=link) for person in set(recipients)]


@transaction.atomic
def mark_read(*, notification: Notification, by: Staff) -> None:
    if notification.recipient_id != by.pk:
        raise PermissionError("Only the recipient can mark a notification read")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def mark_all_read(*, by: Staff) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )
