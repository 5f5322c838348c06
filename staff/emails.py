"""Notification e-mails, delivered from the row (SEC-9): each pending row is sent once; a failure is
recorded on it and retried by the periodic job until MAX_ATTEMPTS, then given up and logged."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import EmailStatus, Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# The on-commit task sends a new row at once; the periodic job leaves it that long so as not to
# race it (the row lock would stop a double send anyway; this saves the wasted wait).
GRACE = timedelta(minutes=1)
BATCH_SIZE = 200
ERROR_LENGTH = Notification._meta.get_field("email_error").max_length


def send_notification(notification_id: int) -> bool:
    """E-mail one pending notification; True if it went out now. Sent, given-up and unknown rows
    are left alone, so running this twice for a row (task and periodic job) sends it once."""
    with transaction.atomic():
        # Race: the on-commit task and the periodic job (or two job runs) may pick the same row.
        # The row lock lets one send it; the other skips the locked row (and a later run finds
        # it sent), so no run waits behind a slow mail server.
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, email_status=EmailStatus.PENDING)
            .first()
        )
        if notification is None:
            return False
        if not notification.recipient.email:
            return _record(notification, status=EmailStatus.NONE)
        try:
            _send(notification)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried later
            return _record_failure(notification, exc)
        return _record(notification, status=EmailStatus.SENT, emailed_at=timezone.now())


def send_pending(*, now: datetime, batch_size: int = BATCH_SIZE) -> int:
    """Send every pending e-mail older than GRACE, in batches by id; returns how many went out.

    Each row is tried at most once per run (ids only move forward), so a failing mail server
    costs one attempt per row per run, not a loop."""
    pending = Notification.objects.filter(
        email_status=EmailStatus.PENDING, created_at__lte=now - GRACE
    ).order_by("pk")
    sent, last_pk = 0, 0
    while ids := list(pending.filter(pk__gt=last_pk).values_list("pk", flat=True)[:batch_size]):
        sent += sum(send_notification(pk) for pk in ids)
        last_pk = ids[-1]
    return sent


def _send(notification: Notification) -> None:
    send_mail(
        subject=notification.text[:80],
        message=f"{notification.text}\n\n{notification.link}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
    )


def _record_failure(notification: Notification, exc: Exception) -> bool:
    attempts = notification.email_attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS
    (logger.error if gave_up else logger.warning)(
        "Notification %s e-mail failed (attempt %s of %s)%s: %s",
        notification.pk,
        attempts,
        MAX_ATTEMPTS,
        "; giving up" if gave_up else "",
        exc,
    )
    return _record(
        notification,
        status=EmailStatus.FAILED if gave_up else EmailStatus.PENDING,
        email_attempts=attempts,
        email_error=f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH],
    )


def _record(notification: Notification, *, status: str, **fields) -> bool:
    fields["email_status"] = status
    Notification.objects.filter(pk=notification.pk).update(**fields)
    return status == EmailStatus.SENT
