"""The daily computation (ATT-2, ATT-3, ATT-7): statuses, violations and discipline flags.

Idempotent by construction: statuses are upserted per (person, day), violations are matched to
what the rules find (created, updated or removed), and a discipline flag exists once per month.
Re-running a day, or back-filling a range, never duplicates anything (RPT-3).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.services import notify, notify_many

from .. import queries
from ..models import (
    ClockRecord,
    DailyStatus,
    DayPortion,
    DisciplineFlag,
    LeaveRequest,
    LeaveStatus,
    OffPostRecord,
    ViolationRecord,
)
from ..rules.calendar import Schedule
from ..rules.daily import (
    AttendanceConfig,
    DayFacts,
    DayPart,
    DayStatus,
    DayStatusCode,
    LeaveFact,
    ViolationKind,
    day_status,
    discipline_flag,
    violations,
    worked_part,
)
from ..rules.leave import LeaveType
from .common import active_role_holders, as_local, local_today

LATE_CODES = (DayStatusCode.LATE, DayStatusCode.LATE_AND_EARLY)


@dataclass
class DayRun:
    """What one computation did, for the command's output and the tests."""

    day: date
    statuses: int = 0
    violations_created: int = 0
    violations_removed: int = 0
    flags_created: int = 0


@dataclass
class _Inputs:
    is_workday: bool
    schedules: dict[int, Schedule]
    clocks: dict[int, ClockRecord]
    leaves: dict[int, LeaveRequest]
    off_post: dict[int, list[OffPostRecord]] = field(default_factory=dict)


def people_on(day: date, staff_ids: list[int] | None = None) -> QuerySet[Staff]:
    """Active staff employed on `day` (not before joining; not the technical superuser)."""
    people = Staff.objects.filter(is_active=True, is_superuser=False, date_joined__date__lte=day)
    if staff_ids is not None:
        people = people.filter(pk__in=staff_ids)
    return people.order_by("pk")


def _load_inputs(day: date, people: list[Staff]) -> _Inputs:
    ids = [person.pk for person in people]
    leaves = LeaveRequest.objects.filter(
        staff_id__in=ids, status=LeaveStatus.APPROVED, start_day__lte=day, end_day__gte=day
    ).order_by("portion")  # FULL sorts first, so a full day wins over a half day
    off_post: dict[int, list[OffPostRecord]] = defaultdict(list)
    for record in OffPostRecord.objects.filter(staff_id__in=ids, day=day).order_by("pk"):
        off_post[record.staff_id].append(record)
    leave_by_person: dict[int, LeaveRequest] = {}
    for leave in leaves:
        leave_by_person.setdefault(leave.staff_id, leave)
    return _Inputs(
        is_workday=queries.work_calendar(day, day).is_workday(day),
        schedules=queries.schedules_for(people, day),
        clocks={c.staff_id: c for c in ClockRecord.objects.filter(staff_id__in=ids, day=day)},
        leaves=leave_by_person,
        off_post=off_post,
    )


def _status_for(day: date, inputs: _Inputs, person_id: int) -> tuple[DayStatus, Decimal]:
    """The rule's verdict and the leave days it includes (1, 0.5 or 0)."""
    schedule = inputs.schedules[person_id]
    leave = inputs.leaves.get(person_id)
    clock = inputs.clocks.get(person_id)
    facts = DayFacts(
        day=day,
        is_workday=inputs.is_workday,
        clock_in=as_local(clock.clock_in) if clock else None,
        clock_out=as_local(clock.clock_out) if clock else None,
    )
    if leave is not None and leave.portion == DayPortion.FULL:
        facts = DayFacts(day, inputs.is_workday, leave=LeaveFact(LeaveType(leave.leave_type), True))
    elif leave is not None:
        schedule = worked_part(schedule, DayPart(leave.portion))
    status = day_status(facts, schedule)
    if leave is None or status.code == DayStatusCode.OFF_DAY:
        return status, Decimal(0)
    return status, Decimal(1) if leave.portion == DayPortion.FULL else Decimal("0.5")


def _status_row(day: date, person_id: int, inputs: _Inputs) -> DailyStatus:
    status, leave_days = _status_for(day, inputs, person_id)
    leave = inputs.leaves.get(person_id)
    return DailyStatus(
        staff_id=person_id,
        day=day,
        code=status.code,
        late_minutes=status.late_minutes,
        early_minutes=status.early_minutes,
        leave_type=leave.leave_type if leave_days else "",
        leave_days=leave_days,
        off_post_minutes=sum(r.minutes for r in inputs.off_post.get(person_id, [])),
        missing_clock_out=status.missing_clock_out,
    )


STATUS_FIELDS = [
    "code",
    "late_minutes",
    "early_minutes",
    "leave_type",
    "leave_days",
    "off_post_minutes",
    "missing_clock_out",
    "computed_at",
]


def _upsert_statuses(rows: list[DailyStatus]) -> None:
    """One statement per day: insert, or overwrite the earlier computation of that day."""
    DailyStatus.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["staff", "day"], update_fields=STATUS_FIELDS
    )


def _sync_violations(day: date, row: DailyStatus, records, config: AttendanceConfig, run):
    """Make the stored violations of one person's day equal to what the rules find (ATT-3)."""
    status = DayStatus(DayStatusCode(row.code), late_minutes=row.late_minutes)
    late = violations(status, [], config)
    wanted: dict[int | None, int] = {None: late[0].minutes} if late else {}
    for record in records:
        if violations(DayStatus(DayStatusCode.ON_TIME), [record.minutes], config):
            wanted[record.pk] = record.minutes
    existing = {
        v.off_post_id: v for v in ViolationRecord.objects.filter(staff_id=row.staff_id, day=day)
    }
    for key, stale in existing.items():
        if key not in wanted:
            stale.delete()
            run.violations_removed += 1
    for key, minutes in wanted.items():
        _save_violation(existing.get(key), row.staff_id, day, key, minutes, run)


def _save_violation(current, staff_id, day, off_post_id, minutes, run) -> None:
    if current is None:
        kind = ViolationKind.LATE if off_post_id is None else ViolationKind.OFF_POST
        ViolationRecord.objects.create(
            staff_id=staff_id, day=day, kind=kind, minutes=minutes, off_post_id=off_post_id
        )
        run.violations_created += 1
    elif current.minutes != minutes:
        current.minutes = minutes
        current.save(update_fields=["minutes"])


def _month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _sync_discipline(person: Staff, day: date, config: AttendanceConfig, run: DayRun) -> None:
    """ATT-3: flag the month once the late arrivals reach the threshold; unflag if corrected."""
    first, last = _month_bounds(day)
    lates = DailyStatus.objects.filter(
        staff=person, day__range=(first, last), code__in=LATE_CODES
    ).count()
    flag = DisciplineFlag.objects.filter(staff=person, month=first).first()
    if not discipline_flag(lates, config):
        if flag is not None:
            flag.delete()
        return
    if flag is None:
        DisciplineFlag.objects.create(staff=person, month=first, late_count=lates)
        run.flags_created += 1
        _announce_flag(person, first, lates)
    elif flag.late_count != lates:
        flag.late_count = lates
        flag.save(update_fields=["late_count"])


def _announce_flag(person: Staff, month: date, lates: int) -> None:
    """Tell HR, the supervisor and the person; runs once, when the flag is created."""
    text = _("%(name)s arrived late %(count)s times in %(month)s: flagged for discipline.") % {
        "name": person.get_full_name(),
        "count": lates,
        "month": f"{month:%Y-%m}",
    }
    managers = active_role_holders(Role.HR)
    if person.supervisor_id:
        managers.append(person.supervisor)
    summary = reverse("attendance:summary") + f"?month={month:%Y-%m}"
    notify_many(recipients=[m for m in managers if m.pk != person.pk], text=text, link=summary)
    own = reverse("attendance:index") + f"?month={month:%Y-%m}"
    notify(recipient=person, text=text, link=own)


@transaction.atomic
def compute_day(*, day: date, staff_ids: list[int] | None = None) -> DayRun:
    """Compute and store `day` for everyone (or the given people). Only finished days.

    A day that has not ended yet would make everyone absent, so today and later are refused.
    """
    if day >= local_today():
        raise ValueError(f"{day} has not ended yet; statuses are computed for past days only.")
    run = DayRun(day=day)
    # The nightly job, a back-fill and a correction may compute the same people at once: lock
    # their rows so the second waits and then finds the first one's violations, not a duplicate.
    people = list(people_on(day, staff_ids).select_for_update(of=("self",)))
    if not people:
        return run
    inputs = _load_inputs(day, people)
    rows = [_status_row(day, person.pk, inputs) for person in people]
    _upsert_statuses(rows)
    run.statuses = len(rows)
    config = queries.attendance_config()
    for person, row in zip(people, rows, strict=True):
        _sync_violations(day, row, inputs.off_post.get(person.pk, []), config, run)
        _sync_discipline(person, day, config, run)
    return run


def compute_range(*, start: date, end: date) -> list[DayRun]:
    """Back-fill: each day in its own transaction, so a long range commits as it goes."""
    if end < start:
        raise ValueError("The range ends before it starts.")
    runs = []
    day = start
    while day <= end:
        runs.append(compute_day(day=day))
        day += timedelta(days=1)
    return runs


def recompute_if_past(*, staff_id: int, days: list[date]) -> None:
    """After a correction (clock record, leave decision, off-post), refresh the finished days."""
    today = local_today()
    for day in sorted(set(days)):
        if day < today:
            compute_day(day=day, staff_ids=[staff_id])
