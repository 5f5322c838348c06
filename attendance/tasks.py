"""Celery tasks: thin adapters over attendance.services, re-runnable for any date (RPT-3)."""

from __future__ import annotations

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone


@shared_task(name="attendance.tasks.compute_day")
def compute_day(day_iso: str) -> dict:
    """Compute one finished day's statuses, violations and discipline flags (idempotent)."""
    from attendance.services import compute_day as run

    result = run(day=date.fromisoformat(day_iso))
    return {
        "day": day_iso,
        "statuses": result.statuses,
        "violations_created": result.violations_created,
        "violations_removed": result.violations_removed,
        "flags_created": result.flags_created,
    }


@shared_task(name="attendance.tasks.compute_yesterday")
def compute_yesterday() -> dict:
    """The nightly beat entry (migration 0003): yesterday in Beijing time."""
    yesterday = timezone.localdate() - timedelta(days=1)
    return compute_day(yesterday.isoformat())
