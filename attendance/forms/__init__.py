"""Attendance forms: input shape only; the services decide. Days (leave, outings, the clock, the
calendar and the filters) in `days`, pay statements and bonuses in `pay`."""

from .days import (
    CalendarDayForm,
    ClockFilterForm,
    ClockForm,
    ClockImportForm,
    DailyFilterForm,
    DecisionForm,
    LeaveForm,
    MonthFilterForm,
    OffPostForm,
    OutingForm,
    ScheduleForm,
    StaffChoiceField,
    YearForm,
)
from .pay import (
    BonusForm,
    BonusYearForm,
    LineForm,
    MonthField,
    PrepareForm,
    ReturnForm,
    StatementFilterForm,
    parse_month,
)

__all__ = [
    "BonusForm",
    "BonusYearForm",
    "CalendarDayForm",
    "ClockFilterForm",
    "ClockForm",
    "ClockImportForm",
    "DailyFilterForm",
    "DecisionForm",
    "LeaveForm",
    "LineForm",
    "MonthField",
    "MonthFilterForm",
    "OffPostForm",
    "OutingForm",
    "PrepareForm",
    "ReturnForm",
    "ScheduleForm",
    "StaffChoiceField",
    "StatementFilterForm",
    "YearForm",
    "parse_month",
]
