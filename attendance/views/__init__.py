"""Attendance pages, split by topic; urls.py points at these names."""

from .leave import (
    approvals,
    department_calendar,
    leave_approve,
    leave_cancel,
    leave_detail,
    leave_list,
    leave_new,
    leave_reject,
)
from .my import index
from .outings import outing_cancel, outing_decide, outing_list, outing_mark, outing_register
from .records import (
    clock_form,
    clock_import,
    clock_list,
    clock_template,
    off_post_delete,
    off_post_list,
)
from .reports import daily, summary, summary_export, violations
from .setup import (
    holiday_delete,
    holiday_prefill,
    holidays,
    schedule_delete,
    schedule_form,
    schedules,
)

__all__ = [
    "approvals",
    "clock_form",
    "clock_import",
    "clock_list",
    "clock_template",
    "daily",
    "department_calendar",
    "holiday_delete",
    "holiday_prefill",
    "holidays",
    "index",
    "leave_approve",
    "leave_cancel",
    "leave_detail",
    "leave_list",
    "leave_new",
    "leave_reject",
    "off_post_delete",
    "off_post_list",
    "outing_cancel",
    "outing_decide",
    "outing_list",
    "outing_mark",
    "outing_register",
    "schedule_delete",
    "schedule_form",
    "schedules",
    "summary",
    "summary_export",
    "violations",
]
