from django.conf import settings
from django.core.mail import send_mail

from .models import Notification


def send_notification(notification_id: int) -> None:
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or not notification.recipient.email:
        return
    send_mail(
        subject=notification.text[:80],
        message=f"{notification.text}\n\n{notification.link}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
    )
