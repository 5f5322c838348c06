"""Clock records (ATT-1) and off-post records (ATT-2), entered by people."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from staff.models import Role, Staff

from ..models import ClockRecord, ClockSource, OffPostRecord
from .common import AttendanceError, at_local, in_supervisor_chain, is_hr, local_now
from .daily import recompute_if_past

# A clock-out more than this long after the day began is a typing error, not overtime.
MAX_SPAN = timedelta(hours=36)


def may_enter_clock(user: Staff) -> bool:
    return user.is_superuser or user.has_role(Role.FRONT_DESK, Role.HR)


def may_record_off_post(person: Staff, user: Staff) -> bool:
    return user.pk != person.pk and (is_hr(user) or in_supervisor_chain(person, user))


def clock_times(
    day: date, clock_in: time | None, clock_out: time | None, out_next_day: bool = False
) -> tuple[datetime | None, datetime | None]:
    """Wall-clock times on `day` as aware datetimes; the clock-out may be on the next day."""
    start = at_local(day, clock_in) if clock_in else None
    end_day = day + timedelta(days=1) if out_next_day else day
    end = at_local(end_day, clock_out) if clock_out else None
    return start, end


def check_clock_times(
    day: date, clock_in: datetime | None, clock_out: datetime | None, now: datetime
) -> str | None:
    """Why the times are impossible, or None. Shared by the form service and the CSV import."""
    if clock_in is None and clock_out is None:
        return _("Enter a clock-in or a clock-out time.")
    if day > now.date() or any(t and t > now for t in (clock_in, clock_out)):
        return _("Clock times cannot be in the future.")
    if clock_in and clock_out and clock_out <= clock_in:
        return _("The clock-out must be after the clock-in.")
    begin = at_local(day, time(0))
    if clock_out and clock_out - begin > MAX_SPAN:
        return _("The clock-out is more than a day after the working day.")
    return None


@transaction.atomic
def save_clock_record(
    *,
    staff: Staff,
    day: date,
    clock_in: datetime | None,
    clock_out: datetime | None,
    by: Staff,
    note: str = "",
    source: str = ClockSource.MANUAL,
) -> ClockRecord:
    """Enter or correct one person's clock times for a day; a past day is recomputed."""
    if not may_enter_clock(by):
        raise AttendanceError(_("Only the front desk or HR enters clock records."))
    problem = check_clock_times(day, clock_in, clock_out, local_now())
    if problem:
        raise AttendanceError(problem)
    record, _created = ClockRecord.objects.update_or_create(
        staff=staff,
        day=day,
        defaults={
            "clock_in": clock_in,
            "clock_out": clock_out,
            "note": note,
            "source": source,
            "entered_by": by,
        },
    )
    recompute_if_past(staff_id=staff.pk, days=[day])
    return record


@transaction.atomic
def record_off_post(
    *, staff: Staff, by: Staff, day: date, started_at: time, minutes: int, note: str
) -> OffPostRecord:
    """ATT-2: a supervisor records an absence from the post with its duration."""
    if not may_record_off_post(staff, by):
        raise AttendanceError(_("Only the person's supervisors or HR record an off-post spell."))
    if minutes <= 0:
        raise AttendanceError(_("The duration must be at least one minute."))
    if at_local(day, started_at) > local_now():
        raise AttendanceError(_("An off-post spell cannot be in the future."))
    record = OffPostRecord.objects.create(
        staff=staff, day=day, started_at=started_at, minutes=minutes, note=note, recorded_by=by
    )
    recompute_if_past(staff_id=staff.pk, days=[day])
    return record


def may_withdraw_off_post(record: OffPostRecord, user: Staff) -> bool:
    return record.recorded_by_id == user.pk or is_hr(user)


@transaction.atomic
def delete_off_post(*, record: OffPostRecord, by: Staff) -> None:
    """Withdraw a mistaken record (kept in the audit history); its violation goes with it."""
    if not may_withdraw_off_post(record, by):
        raise AttendanceError(_("Only whoever recorded it, or HR, can withdraw it."))
    staff_id, day = record.staff_id, record.day
    record.delete()
    recompute_if_past(staff_id=staff_id, days=[day])
