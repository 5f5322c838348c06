"""The department calendar: who is away on which day of a month (three queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from staff.models import Staff

from ..models import DayPortion, LeaveRequest, LeaveStatus
from .calendar import work_calendar
from .pages import calendar_days, leave_in_month
from .summary import month_range


@dataclass(frozen=True)
class Cell:
    day: date
    is_workday: bool
    leave: LeaveRequest | None = None

    @property
    def approved(self) -> bool:
        return self.leave is not None and self.leave.status == LeaveStatus.APPROVED

    @property
    def half(self) -> bool:
        return self.leave is not None and self.leave.portion != DayPortion.FULL


@dataclass(frozen=True)
class DayHead:
    day: date
    is_workday: bool
    label: str  # the holiday's or adjusted day's name, if any


@dataclass(frozen=True)
class Grid:
    month: date
    days: list[DayHead]
    rows: list[tuple[Staff, list[Cell]]]


def _heads(first: date, last: date) -> list[DayHead]:
    calendar = work_calendar(first, last)
    named = calendar_days(first, last)
    heads = []
    day = first
    while day <= last:
        entry = named.get(day)
        heads.append(DayHead(day, calendar.is_workday(day), entry.name if entry else ""))
        day += timedelta(days=1)
    return heads


def _leave_by_person(people, first: date, last: date) -> dict[int, list[LeaveRequest]]:
    found: dict[int, list[LeaveRequest]] = {}
    for leave in leave_in_month(people, first, last):
        found.setdefault(leave.staff_id, []).append(leave)
    return found


def _cell(head: DayHead, leaves: list[LeaveRequest]) -> Cell:
    match = next((x for x in leaves if x.start_day <= head.day <= x.end_day), None)
    return Cell(head.day, head.is_workday, match if head.is_workday else None)


def department_grid(department: str, first: date) -> Grid:
    _first, last = month_range(first.year, first.month)
    people = list(
        Staff.objects.filter(is_active=True, department=department).order_by("employee_no")
    )
    heads = _heads(first, last)
    leaves = _leave_by_person(people, first, last)
    rows = [(person, [_cell(h, leaves.get(person.pk, [])) for h in heads]) for person in people]
    return Grid(month=first, days=heads, rows=rows)


__all__ = ["Cell", "DayHead", "Grid", "department_grid"]
