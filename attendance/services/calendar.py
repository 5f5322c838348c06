"""The holiday calendar and schedules (ATT-1), maintained by HR."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import chinese_calendar
from django.db import transaction
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import CalendarDay, CalendarDayKind, CalendarSource, ScheduleScope, WorkSchedule
from .common import AttendanceError, is_hr


@dataclass(frozen=True)
class PrefillResult:
    year: int
    created: int
    updated: int
    kept_hr_entries: int


# The package names holidays in English; the firm's calendar shows the Chinese names.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def _chinese(name: str | None) -> str:
    return HOLIDAY_NAMES.get(name or "", name or "")


def _package_days(year: int) -> dict[date, tuple[str, str]]:
    """Holidays on weekdays and weekends worked (调休) in `year`, by the chinese-calendar data.

    Raises NotImplementedError for a year the package does not know.
    """
    found: dict[date, tuple[str, str]] = {}
    day = date(year, 1, 1)
    while day.year == year:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        if on_holiday and name:
            found[day] = (CalendarDayKind.HOLIDAY, _chinese(name))
        elif not on_holiday and day.weekday() >= 5:
            found[day] = (CalendarDayKind.ADJUSTED_WORKDAY, f"{_chinese(name)}调休")
        day += timedelta(days=1)
    return found


def _save_package_day(day: date, kind: str, name: str) -> str:
    """'created', 'updated', 'kept' (an HR entry wins over the package) or 'same'."""
    row = CalendarDay.objects.filter(day=day).first()
    if row is None:
        CalendarDay.objects.create(day=day, kind=kind, name=name, source=CalendarSource.PACKAGE)
        return "created"
    if row.source == CalendarSource.HR:
        return "kept"
    if (row.kind, row.name) == (kind, name):
        return "same"
    row.kind, row.name = kind, name
    row.save(update_fields=["kind", "name"])
    return "updated"


@transaction.atomic
def prefill_year(*, year: int) -> PrefillResult:
    """Fill a year's holidays and 调休 days from the `chinese-calendar` package; re-runnable.

    Days HR entered or changed by hand are kept as they are.
    """
    try:
        days = _package_days(year)
    except NotImplementedError as exc:
        raise AttendanceError(
            _(
                "The chinese-calendar package has no data for %(year)s. "
                "HR must enter that year's holidays and adjusted working days by hand."
            )
            % {"year": year}
        ) from exc
    outcome = {"created": 0, "updated": 0, "kept": 0, "same": 0}
    for day, (kind, name) in sorted(days.items()):
        outcome[_save_package_day(day, kind, name)] += 1
    return PrefillResult(year, outcome["created"], outcome["updated"], outcome["kept"])


def _require_hr(by: Staff) -> None:
    if not is_hr(by):
        raise AttendanceError(_("Only HR maintains the calendar and schedules."))


@transaction.atomic
def set_calendar_day(*, by: Staff, day: date, kind: str, name: str = "") -> CalendarDay:
    """HR marks a day as a holiday or an adjusted working day (it then beats the package)."""
    _require_hr(by)
    if kind == CalendarDayKind.ADJUSTED_WORKDAY and day.weekday() < 5:
        raise AttendanceError(_("An adjusted working day is a Saturday or Sunday worked."))
    row, _created = CalendarDay.objects.update_or_create(
        day=day, defaults={"kind": kind, "name": name, "source": CalendarSource.HR}
    )
    return row


@transaction.atomic
def remove_calendar_day(*, by: Staff, day: CalendarDay) -> None:
    """The day goes back to the plain Mon-Fri rule."""
    _require_hr(by)
    day.delete()


@transaction.atomic
def save_schedule(
    *,
    by: Staff,
    scope: str,
    start: time,
    end: time,
    valid_from: date,
    department: str = "",
    staff: Staff | None = None,
    schedule: WorkSchedule | None = None,
) -> WorkSchedule:
    """Create or change a schedule row for the firm, a department or one person."""
    _require_hr(by)
    if start >= end:
        raise AttendanceError(_("The working day must start before it ends."))
    target = _target(scope, department, staff)
    clash = WorkSchedule.objects.filter(valid_from=valid_from, **target)
    if schedule is not None:
        clash = clash.exclude(pk=schedule.pk)
    if clash.exists():
        raise AttendanceError(_("A schedule for the same people already starts on that date."))
    row = schedule or WorkSchedule()
    for attr, value in {**target, "start": start, "end": end, "valid_from": valid_from}.items():
        setattr(row, attr, value)
    row.save()
    return row


def _target(scope: str, department: str, staff: Staff | None) -> dict:
    if scope == ScheduleScope.PERSON:
        if staff is None:
            raise AttendanceError(_("Choose the person this schedule is for."))
        return {"scope": scope, "department": "", "staff": staff}
    if scope == ScheduleScope.DEPARTMENT:
        if not department:
            raise AttendanceError(_("Choose the department this schedule is for."))
        return {"scope": scope, "department": department, "staff": None}
    return {"scope": ScheduleScope.FIRM, "department": "", "staff": None}


@transaction.atomic
def delete_schedule(*, by: Staff, schedule: WorkSchedule) -> None:
    _require_hr(by)
    if (
        schedule.scope == ScheduleScope.FIRM
        and not WorkSchedule.objects.filter(scope=ScheduleScope.FIRM)
        .exclude(pk=schedule.pk)
        .exists()
    ):
        raise AttendanceError(_("The firm always keeps one default schedule."))
    schedule.delete()
