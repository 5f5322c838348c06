"""Celery tasks: thin adapters over dispatch.services, re-runnable for any date (RPT-3)."""

from datetime import date

from celery import shared_task
from django.utils import timezone


@shared_task(name="dispatch.tasks.propose_champions")
def propose_champions(day_iso: str | None = None) -> int:
    """Nightly (migration 0003): propose last quarter's and last year's signing champions as of
    `day_iso` (default today, Beijing time). Idempotent; returns the open proposals."""
    from dispatch.services import propose_due_champions

    today = date.fromisoformat(day_iso) if day_iso else timezone.localdate()
    return propose_due_champions(today=today)


@shared_task(name="dispatch.tasks.evaluate_quality_holds")
def evaluate_quality_holds(day_iso: str | None = None) -> int:
    """Nightly (migration 0006): start the quality holds the record calls for (QG-1) as of
    `day_iso` (default today, Beijing time). Idempotent; returns how many holds started."""
    from dispatch.services import evaluate_quality_holds as evaluate

    today = date.fromisoformat(day_iso) if day_iso else timezone.localdate()
    return len(evaluate(today=today))
