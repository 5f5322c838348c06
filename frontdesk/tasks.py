"""Front desk jobs: thin adapters over the services, each taking an ISO date so a night can be
re-run; both are idempotent. The nightly runner (RPT-3) is `reports.tasks`."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone


def _day(day_iso: str | None, default: date) -> date:
    return date.fromisoformat(day_iso) if day_iso else default


@shared_task
def nightly_quality(day_iso: str | None = None) -> list[int]:
    """Hotline metrics and anomalies of `day_iso` (default: yesterday) (FD-7)."""
    from .services.quality import run_nightly

    day = _day(day_iso, timezone.localdate() - timedelta(days=1))
    return list(run_nightly(day=day))


@shared_task
def remind_appointments(today_iso: str | None = None) -> int:
    """Remind tomorrow's showroom visits (FD-3); each appointment once, whenever this runs."""
    from .services.appointments import send_reminders

    return send_reminders(today=_day(today_iso, timezone.localdate()))
