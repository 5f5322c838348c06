"""Every attendance state change (one transaction each), split by topic.

Views, tasks and commands import from here: `from attendance import services`.
"""

from .calendar import (
    PrefillResult,
    delete_schedule,
    prefill_year,
    remove_calendar_day,
    save_schedule,
    set_calendar_day,
)
from .common import AttendanceError
from .daily import DayRun, compute_day, compute_range, recompute_if_past
from .leave import (
    approve_leave,
    can_cancel,
    cancel_leave,
    file_leave,
    may_decide,
    pending_approver_id,
    reject_leave,
    working_days,
)
from .outings import (
    cancel_outing,
    decide_outing,
    may_decide_outing,
    may_register,
    register_back,
    register_out,
    request_outing,
)
from .records import (
    check_clock_times,
    clock_times,
    delete_off_post,
    may_enter_clock,
    may_record_off_post,
    may_withdraw_off_post,
    record_off_post,
    save_clock_record,
)

__all__ = [
    "AttendanceError",
    "DayRun",
    "PrefillResult",
    "approve_leave",
    "can_cancel",
    "cancel_leave",
    "check_clock_times",
    "clock_times",
    "compute_day",
    "compute_range",
    "decide_outing",
    "delete_off_post",
    "delete_schedule",
    "cancel_outing",
    "file_leave",
    "may_decide",
    "may_decide_outing",
    "may_enter_clock",
    "may_record_off_post",
    "may_withdraw_off_post",
    "may_register",
    "pending_approver_id",
    "prefill_year",
    "record_off_post",
    "recompute_if_past",
    "register_back",
    "register_out",
    "reject_leave",
    "remove_calendar_day",
    "request_outing",
    "save_clock_record",
    "save_schedule",
    "set_calendar_day",
    "working_days",
]
