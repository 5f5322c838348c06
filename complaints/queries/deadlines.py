"""Due times and overdue steps (CMP-4, CMP-5): the investigation's due time on the working
calendar (other apps ask `investigation_due(received_at, staff=None)`), the step deadlines and
which complaints are late.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from attendance.rules.calendar import Schedule, WorkCalendar, complaint_due
from staff.models import Staff

from .. import rules
from ..models import (
    Complaint,
    ComplaintStatus,
    StepDeadline,
)

# Used when attendance cannot answer: no holidays, and the usual 09:00-18:00 office day.
FALLBACK_CALENDAR = WorkCalendar()
FALLBACK_SCHEDULE = Schedule(time(9, 0), time(18, 0))
CALENDAR_WINDOW_DAYS = 40  # longer than any holiday run (Spring Festival with 调休 is ~9 days)


def investigation_due(received_at: datetime, staff: Staff | None = None) -> datetime:
    """CMP-4: findings are due by the end of the working day of receipt (holiday calendar).

    `staff` is whose schedule counts (the person registering); without one, 09:00-18:00.
    """
    local = timezone.localtime(received_at)
    calendar, schedule = _calendar_and_schedule(local.date(), staff)
    return complaint_due(local, calendar, schedule)


def _calendar_and_schedule(day: date, staff: Staff | None) -> tuple[WorkCalendar, Schedule]:
    """The attendance calendar and the staff member's schedule, through attendance's own API."""
    try:
        from attendance.queries import schedule_for, work_calendar
    except ImportError:
        # attendance.queries not installed: plain Mon-Fri calendar and a 09:00-18:00 day.
        return FALLBACK_CALENDAR, FALLBACK_SCHEDULE
    calendar = work_calendar(day, day + timedelta(days=CALENDAR_WINDOW_DAYS))
    schedule = schedule_for(staff, day) if staff is not None else FALLBACK_SCHEDULE
    return calendar, schedule


# ------------------------------------------------------------------------------------------------
# Deadlines and overdue (CMP-4, CMP-5)
# ------------------------------------------------------------------------------------------------


def step_deadlines() -> dict[rules.ComplaintStatus, timedelta]:
    """The configured deadline per status (one query); a status without a row has none."""
    return {
        rules.ComplaintStatus(status): timedelta(hours=hours)
        for status, hours in StepDeadline.objects.values_list("status", "hours")
    }


def overdue_q(now: datetime, deadlines: dict[rules.ComplaintStatus, timedelta]) -> Q:
    """Complaints whose current step is late at `now`; mirrors rules.current_overdue in SQL."""
    late = Q(status=ComplaintStatus.REGISTERED, investigation_due_at__lt=now)
    for status, limit in deadlines.items():
        if status not in (ComplaintStatus.REGISTERED, ComplaintStatus.CLOSED):
            late |= Q(status=status, status_changed_at__lt=now - limit)
    return late


def with_overdue_flag(qs: QuerySet[Complaint], now: datetime, deadlines) -> QuerySet[Complaint]:
    return qs.annotate(
        is_overdue=Case(
            When(overdue_q(now, deadlines), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def current_overdue(complaint: Complaint, now: datetime, deadlines) -> rules.Overdue | None:
    return rules.current_overdue(
        rules.ComplaintStatus(complaint.status),
        step_started_at=complaint.status_changed_at,
        investigation_due_at=complaint.investigation_due_at,
        deadlines=deadlines,
        now=now,
    )


def due_at(complaint: Complaint, deadlines) -> datetime | None:
    return rules.step_due_at(
        rules.ComplaintStatus(complaint.status),
        step_started_at=complaint.status_changed_at,
        investigation_due_at=complaint.investigation_due_at,
        deadlines=deadlines,
    )
