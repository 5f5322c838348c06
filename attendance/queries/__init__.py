"""Read-side helpers for attendance pages and for the other apps.

Public API for other apps (ARCHITECTURE: they never read attendance models directly):
- `staff_on_leave(day) -> set[int]`  (dispatch)
- `work_calendar(start, end) -> WorkCalendar`, `schedule_for(staff, day) -> Schedule`  (complaints)
- `monthly_summary(staff, year, month) -> MonthlyAttendance`  (pay statements, COM-5)
"""

from .calendar import (
    attendance_config,
    leave_config,
    policy,
    schedule_for,
    schedules_for,
    staff_on_leave,
    work_calendar,
)
from .summary import MonthRow, department_totals, month_range, month_rows, monthly_summary

__all__ = [
    "MonthRow",
    "attendance_config",
    "department_totals",
    "leave_config",
    "month_range",
    "month_rows",
    "monthly_summary",
    "policy",
    "schedule_for",
    "schedules_for",
    "staff_on_leave",
    "work_calendar",
]
