"""Celery tasks: thin adapters over leads.services, safe to run twice or late (CB-1)."""

from datetime import datetime

from celery import shared_task


@shared_task(name="leads.tasks.send_callback_reminders")
def send_callback_reminders(now_iso: str | None = None) -> dict[str, int]:
    """Every 15 minutes (migration 0009): remind assignees of due callbacks and escalate those
    a day overdue, each exactly once. `now_iso` replays a past moment (ISO 8601, with offset)."""
    from leads.services.callbacks import send_due_reminders

    now = datetime.fromisoformat(now_iso) if now_iso else None
    run = send_due_reminders(now=now)
    return {"reminded": run.reminded, "escalated": run.escalated}
