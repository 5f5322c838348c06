"""Calendar, schedules and policy reads (ATT-1), and who is on leave (for dispatch)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from staff.models import Staff

from ..models import (
    DEFAULT_END,
    DEFAULT_START,
    ApprovalLevel,
    AttendancePolicy,
    CalendarDay,
    CalendarDayKind,
    LeaveStatus,
    ScheduleScope,
    WorkSchedule,
)
from ..models import LeaveRequest as LeaveRequestModel
from ..rules.calendar import Schedule, WorkCalendar
from ..rules.daily import AttendanceConfig
from ..rules.leave import LeaveConfig

# ------------------------------------------------------------------------------------------------
# Leave, for dispatch
# ------------------------------------------------------------------------------------------------


def staff_on_leave(day: date) -> set[int]:
    """Ids of staff with APPROVED leave covering `day` (half days included): one query."""
    return set(
        LeaveRequestModel.objects.filter(
            status=LeaveStatus.APPROVED, start_day__lte=day, end_day__gte=day
        ).values_list("staff_id", flat=True)
    )


# ------------------------------------------------------------------------------------------------
# Calendar and schedules (ATT-1), for complaints (CMP-4) and the daily computation
# ------------------------------------------------------------------------------------------------


def work_calendar(start: date, end: date) -> WorkCalendar:
    """Holidays and adjusted working days (调休) between `start` and `end`, inclusive.

    Outside that range the calendar knows no holidays (plain Mon-Fri), so ask for a range that
    covers every day the caller will look at (for "next working day", a few weeks beyond).
    """
    holidays: set[date] = set()
    adjusted: set[date] = set()
    rows = CalendarDay.objects.filter(day__range=(start, end)).values_list("day", "kind")
    for day, kind in rows:
        (holidays if kind == CalendarDayKind.HOLIDAY else adjusted).add(day)
    return WorkCalendar(holidays=frozenset(holidays), adjusted_workdays=frozenset(adjusted))


def holiday_names(start: date, end: date) -> dict[date, str]:
    """The holidays between `start` and `end`, inclusive, with their names ("" for none): what
    leads greets customers on (CARE-3), handed to it at start-up (AttendanceConfig.ready)."""
    rows = CalendarDay.objects.filter(kind=CalendarDayKind.HOLIDAY, day__range=(start, end))
    return dict(rows.values_list("day", "name"))


def _schedule_candidates(departments: Iterable[str], people: Iterable[int], day: date):
    targets = Q(scope=ScheduleScope.FIRM)
    targets |= Q(scope=ScheduleScope.DEPARTMENT, department__in=set(departments))
    targets |= Q(scope=ScheduleScope.PERSON, staff_id__in=set(people))
    return WorkSchedule.objects.filter(targets, valid_from__lte=day).order_by("-valid_from")


def _pick(rows: list[WorkSchedule], person_id: int, department: str) -> Schedule:
    """The newest valid row of the most specific scope: person, then department, then firm."""
    for wanted in (
        lambda r: r.scope == ScheduleScope.PERSON and r.staff_id == person_id,
        lambda r: r.scope == ScheduleScope.DEPARTMENT and r.department == department,
        lambda r: r.scope == ScheduleScope.FIRM,
    ):
        match = next((row for row in rows if wanted(row)), None)
        if match is not None:
            return Schedule(match.start, match.end)
    return Schedule(DEFAULT_START, DEFAULT_END)


def schedule_for(staff: Staff, day: date) -> Schedule:
    """ATT-1: the person's own schedule, else the department's, else the firm default (1 query)."""
    rows = list(_schedule_candidates([staff.department], [staff.pk], day))
    return _pick(rows, staff.pk, staff.department)


def schedules_for(people: Iterable[Staff], day: date) -> dict[int, Schedule]:
    """`schedule_for` for many people at once, in one query (the nightly computation)."""
    people = list(people)
    rows = list(_schedule_candidates([p.department for p in people], [p.pk for p in people], day))
    return {person.pk: _pick(rows, person.pk, person.department) for person in people}


# ------------------------------------------------------------------------------------------------
# Policy rows -> rule configs
# ------------------------------------------------------------------------------------------------


def policy() -> AttendancePolicy:
    """The single policy row (created by migration 0002; recreated with defaults if deleted)."""
    row, _created = AttendancePolicy.objects.get_or_create(pk=1)
    return row


def attendance_config(row: AttendancePolicy | None = None) -> AttendanceConfig:
    row = row or policy()
    return AttendanceConfig(
        violation_minutes=row.violation_minutes, lates_for_discipline=row.lates_for_discipline
    )


def leave_config(row: AttendancePolicy | None = None) -> LeaveConfig:
    row = row or policy()
    levels = tuple(
        (Decimal(limit), count)
        for limit, count in ApprovalLevel.objects.order_by("up_to_days").values_list(
            "up_to_days", "levels"
        )
    )
    return LeaveConfig(
        personal_notice=timedelta(hours=row.personal_notice_hours),
        special_personal_notice=timedelta(minutes=row.special_personal_notice_minutes),
        # No rows at all (all deleted, or a flushed test database): DOMAIN's defaults.
        level_limits=levels or LeaveConfig().level_limits,
        max_levels=row.max_approval_levels,
    )
