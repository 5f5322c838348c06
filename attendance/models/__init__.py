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
from .pay import PayMonth, PayMonthStatus, PayPolicy, PayStatement, YearEndBonus
from .pay_lines import LineOrigin, PayLine, PayLineKind
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
    "LineOrigin",
    "OffPostRecord",
    "OutingStatus",
    "PayLine",
    "PayLineKind",
    "PayMonth",
    "PayMonthStatus",
    "PayPolicy",
    "PayStatement",
    "ScheduleScope",
    "ViolationRecord",
    "WorkSchedule",
    "YearEndBonus",
]
