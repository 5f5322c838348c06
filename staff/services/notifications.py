"""Notifications and to-dos; every feature notifies through `notify`. One transaction each."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import EmailStatus, Notification, Staff
from ..outbox import enqueue_after_commit


@transaction.atomic
def notify(
    *,
    recipient: Staff,
    text: str,
    link: str = "",
    target: models.Model | None = None,
    step: str = "",
) -> Notification:
    """Leave an in-app message for one person; e-mail it too when e-mail is configured.

    With a target and a step the message is a to-do: `resolve_todos(target, step)` marks it done
    when someone completes that step."""
    return write_notification(recipient=recipient, text=text, link=link, target=target, step=step)


def write_notification(
    *,
    recipient: Staff,
    text: str,
    link: str = "",
    target: models.Model | None = None,
    step: str = "",
) -> Notification:
    """`notify` for a service already inside its transaction: the same message and e-mail (sent
    once that transaction commits), without the savepoint a nested atomic block costs.

    The e-mail is recorded on the row first (SEC-9): queueing it may fail after the commit (broker
    down) without failing the request, and the periodic job sends what is still pending."""
    by_email = settings.NOTIFY_BY_EMAIL and bool(recipient.email)
    notification = Notification.objects.create(
        recipient=recipient,
        text=str(text),
        link=link,
        email_status=EmailStatus.PENDING if by_email else EmailStatus.NONE,
        **_tie(target, step),
    )
    if by_email:
        from ..tasks import send_notification_email

        enqueue_after_commit(send_notification_email, notification.pk)
    return notification


def _tie(target: models.Model | None, step: str) -> dict:
    if target is None:
        return {}
    if not step:
        raise ValueError("A to-do tied to an object needs the step it asks for")
    return {
        "target_type": ContentType.objects.get_for_model(target),
        "target_id": target.pk,
        "step": step,
    }


@transaction.atomic
def notify_many(
    *, recipients, text: str, link: str = "", target: models.Model | None = None, step: str = ""
) -> list[Notification]:
    return [
        notify(recipient=person, text=text, link=link, target=target, step=step)
        for person in set(recipients)
    ]


def resolve_todos(target: models.Model, step: str | None = None) -> int:
    """The step is done (by whoever did it): its open to-dos about `target` are marked done and
    read, for every recipient. Without a step, every open to-do about the target. Runs inside
    the caller's transaction; one UPDATE."""
    todos = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        done_at__isnull=True,
    )
    if step is not None:
        todos = todos.filter(step=step)
    now = timezone.now()
    return todos.update(done_at=now, read_at=Coalesce(F("read_at"), Value(now)))


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
