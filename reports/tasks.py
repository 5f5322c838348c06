"""The nightly runner as a Celery task (RPT-3): a thin adapter taking an ISO date, so a night
can be re-run; every job it runs is idempotent."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone


# The registered name is the one the task had before it moved here from the front desk (issue 17):
# the beat schedule rows (frontdesk migration 0005, and any a manager added in the admin) and
# messages already queued name it, so it stays a stable wire name rather than a module path.
@shared_task(name="frontdesk.tasks.run_nightly_jobs")
def run_nightly_jobs(day_iso: str | None = None) -> dict[str, str]:
    """RPT-3: every nightly job for `day_iso` (default: yesterday), each run recorded."""
    from .services.jobs import run_nightly

    day = date.fromisoformat(day_iso) if day_iso else timezone.localdate() - timedelta(days=1)
    return {run.job: run.outcome for run in run_nightly(day=day)}
