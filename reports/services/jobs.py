"""RPT-3: the nightly jobs in one runner. Each job takes a date, is idempotent (re-running a
date duplicates nothing) and leaves a JobRun row (start, end, outcome, message) for the jobs page.

The jobs call the owning apps' services; none of their logic is repeated here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import DailySnapshot, JobOutcome, JobRun
from ..queries.tables import day_figures

log = logging.getLogger(__name__)


class JobError(Exception):
    """A job name the runner does not know, or a bad date range."""


def _end_of(day: date) -> datetime:
    """Midnight after `day` (Beijing time): the moment a job for `day` looks from."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def take_snapshot(*, day: date) -> str:
    """Upsert the day's RPT-1 figures: one DailySnapshot per date, re-running overwrites it."""
    row = day_figures(day, day)[0]
    figures = row.as_dict()
    DailySnapshot.objects.update_or_create(
        day=day,
        defaults={
            "leads": figures["leads"],
            "leads_by_channel": figures["by_channel"],
            "walk_ins": row.walk_ins,
            "calls": row.calls,
            "appointments": row.appointments,
            "dispatches": row.dispatches,
            "measurements": row.measurements,
            "signings": row.signings,
            "closures": row.closures,
            "computed_at": timezone.now(),
        },
    )
    return _("%(leads)s leads, %(signings)s signings") % {
        "leads": figures["leads"],
        "signings": row.signings,
    }


def _attendance(day: date) -> str:
    from attendance.services import compute_day

    result = compute_day(day=day)
    return _("%(new)s violations recorded") % {"new": result.violations_created}


def _hotline(day: date) -> str:
    from frontdesk.services.quality import run_nightly

    agents, alerts = run_nightly(day=day)
    return _("%(agents)s agents, %(alerts)s new alerts") % {"agents": agents, "alerts": alerts}


def _escalations(day: date) -> str:
    from complaints.services import escalate_overdue

    flagged = escalate_overdue(now=_end_of(day))
    return _("%(n)s late steps escalated") % {"n": len(flagged)}


def _callbacks(day: date) -> str:
    from leads.services.callbacks import send_due_reminders

    run = send_due_reminders(now=_end_of(day))
    return _("%(reminded)s reminded, %(escalated)s escalated") % {
        "reminded": run.reminded,
        "escalated": run.escalated,
    }


def _greetings(day: date) -> str:
    from leads.services.occasions import build_greetings

    # The night after `day` prepares the list agents work from the next morning (CARE-3).
    new = build_greetings(day=day + timedelta(days=1))
    return _("%(n)s greetings listed") % {"n": new}


JOBS: dict[str, tuple[object, Callable[[date], str]]] = {
    "snapshot": (gettext_lazy("Daily snapshot"), lambda day: take_snapshot(day=day)),
    "attendance": (gettext_lazy("Attendance"), _attendance),
    "hotline": (gettext_lazy("Hotline anomalies"), _hotline),
    "escalations": (gettext_lazy("Overdue complaint escalations"), _escalations),
    "callbacks": (gettext_lazy("Callback reminders"), _callbacks),
    "greetings": (gettext_lazy("Festival and anniversary greetings"), _greetings),
}


def job_labels() -> dict[str, str]:
    return {name: str(label) for name, (label, _run) in JOBS.items()}


def run_job(*, name: str, day: date) -> JobRun:
    """Run one job for `day` and record it; an error is recorded (and logged), not raised, so
    the other jobs of the night still run."""
    if name not in JOBS:
        raise JobError(_("Unknown job: %(name)s") % {"name": name})
    record = JobRun.objects.create(job=name, for_date=day, started_at=timezone.now())
    try:
        with transaction.atomic():
            message = JOBS[name][1](day)
        record.outcome = JobOutcome.OK
    except Exception as exc:  # noqa: BLE001 - a failed job is recorded, the night goes on
        log.exception("nightly job %s for %s failed", name, day)
        message = f"{type(exc).__name__}: {exc}"
        record.outcome = JobOutcome.ERROR
    record.message = str(message)[:2000]
    record.finished_at = timezone.now()
    record.save(update_fields=["outcome", "message", "finished_at"])
    return record


def run_nightly(*, day: date, jobs: Iterable[str] | None = None) -> list[JobRun]:
    """Every job (or those named) for one date, in order."""
    names = list(jobs) if jobs else list(JOBS)
    unknown = [name for name in names if name not in JOBS]
    if unknown:
        raise JobError(_("Unknown job: %(name)s") % {"name": ", ".join(unknown)})
    return [run_job(name=name, day=day) for name in names]


def backfill(*, first: date, last: date, jobs: Iterable[str] | None = None) -> list[JobRun]:
    """Run the night of every date from `first` to `last` (a missed night, or several)."""
    if last < first:
        raise JobError(_("The last date is before the first."))
    runs: list[JobRun] = []
    day = first
    while day <= last:
        runs.extend(run_nightly(day=day, jobs=jobs))
        day += timedelta(days=1)
    return runs
