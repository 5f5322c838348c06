"""What each role may do in attendance (synced into the role groups after every migrate).

Everyone files their own leave and outings without a model permission; those pages check the
person. Permissions here cover the shared records: HR keeps the books, the front desk enters
clock times and keeps the outing register, the GM reads everything.
"""

from staff.models import Role

VIEW_ALL = [
    "attendance.view_all_attendance",
    "attendance.export_attendance",
    "attendance.view_dailystatus",
    "attendance.view_violationrecord",
    "attendance.view_disciplineflag",
    "attendance.view_clockrecord",
    "attendance.view_offpostrecord",
    "attendance.view_leaverequest",
    "attendance.view_businessouting",
    "attendance.view_calendarday",
    "attendance.view_workschedule",
]

# Pay (COM-5, COM-3): HR prepares, the GM approves and sets the year-end bonus; both see all.
PAY_VIEW = [
    "attendance.view_all_pay",
    "attendance.export_pay",
    "attendance.view_paymonth",
    "attendance.view_paystatement",
    "attendance.view_payline",
    "attendance.view_paypolicy",
    "attendance.view_yearendbonus",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.FRONT_DESK: [
        "attendance.view_clockrecord",
        "attendance.add_clockrecord",
        "attendance.change_clockrecord",
        "attendance.view_businessouting",
        "attendance.change_businessouting",
    ],
    Role.HR: [
        *VIEW_ALL,
        "attendance.add_clockrecord",
        "attendance.change_clockrecord",
        "attendance.add_calendarday",
        "attendance.change_calendarday",
        "attendance.delete_calendarday",
        "attendance.add_workschedule",
        "attendance.change_workschedule",
        "attendance.delete_workschedule",
        "attendance.view_attendancepolicy",
        "attendance.change_attendancepolicy",
        "attendance.view_approvallevel",
        "attendance.add_approvallevel",
        "attendance.change_approvallevel",
        "attendance.delete_approvallevel",
        "attendance.change_businessouting",
        "attendance.add_offpostrecord",
        *PAY_VIEW,
        "attendance.prepare_pay",
        "attendance.add_paypolicy",
        "attendance.change_paypolicy",
    ],
    Role.GM: [
        *VIEW_ALL,
        *PAY_VIEW,
        "attendance.approve_pay",
        "attendance.set_year_end_bonus",
    ],
}

# SEC-5: HR keeps the pay and attendance policies and the approval levels in the admin and may
# import clock records there; holidays and schedules have their own pages. The GM reads the pay
# policy. Pay statements and months move only through the pay pages.
ADMIN_ACCESS: dict[str, dict[str, str]] = {
    Role.HR: {
        "attendance.paypolicy": "view add change",
        "attendance.attendancepolicy": "view change",
        "attendance.approvallevel": "view add change delete",
        "attendance.clockrecord": "view import",
    },
    Role.GM: {"attendance.paypolicy": "view"},
}
