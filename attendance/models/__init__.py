"""Attendance tables (ATT-1..8). Decisions live in `attendance.rules`, changes in services."""

from .leave import (
    LEAVE_TYPE_CHOICES,
    LEAVE_TYPE_LABELS,
    ApprovalDecision,
    BusinessOuting,
    DayPortion,
    LeaveApproval,
    LeaveRequest,
    LeaveStatus,
    OutingStatus,
)
from .policy import (
    DEFAULT_END,
    DEFAULT_START,
    ApprovalLevel,
    AttendancePolicy,
    CalendarDay,
    CalendarDayKind,
    CalendarSource,
    ScheduleScope,
    WorkSchedule,
)
from .records import (
    ClockRecord,
    ClockSource,
    DailyStatus,
    DisciplineFlag,
    OffPostRecord,
    ViolationRecord,
)

__all__ = [
    "DEFAULT_END",
    "DEFAULT_START",
    "LEAVE_TYPE_CHOICES",
    "LEAVE_TYPE_LABELS",
    "ApprovalDecision",
    "ApprovalLevel",
    "AttendancePolicy",
    "BusinessOuting",
    "CalendarDay",
    "CalendarDayKind",
    "CalendarSource",
    "ClockRecord",
    "ClockSource",
    "DailyStatus",
    "DayPortion",
    "DisciplineFlag",
    "LeaveApproval",
    "LeaveRequest",
    "LeaveStatus",
    "OffPostRecord",
    "OutingStatus",
    "ScheduleScope",
    "ViolationRecord",
    "WorkSchedule",
]
