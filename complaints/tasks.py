"""Celery tasks of the complaints app: adapters around services, safe to run again."""

from datetime import datetime

from celery import shared_task
from django.utils import timezone


@shared_task
def escalate_overdue_complaints(now: str | None = None) -> int:
    """Flag late complaint steps (CMP-4, CMP-5); `now` (ISO time) re-runs a past moment."""
    from .services import escalate_overdue

    moment = datetime.fromisoformat(now) if now else timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # read as Beijing time
    return len(escalate_overdue(now=moment))
