from django.utils.translation import gettext_lazy as _

from staff.models import Role
from staff.navigation import NavItem

AREA_ROLES = (
    Role.FRONT_DESK,
    Role.CS_AGENT,
    Role.CUSTOMER_MANAGER,
    Role.DESIGNER,
    Role.DESIGN_MANAGER,
    Role.STORE_MANAGER,
    Role.MARKETING_SALES,
    Role.MARKETING_MANAGER,
    Role.ENGINEERING,
    Role.HR,
    Role.GM,
)

NAV_ITEMS = [
    NavItem(
        _("Attendance and pay"),
        "attendance:index",
        roles=AREA_ROLES,
        order=50,
        group="attendance",
        description=_("My attendance, leave requests, outings and approvals"),
    ),
    NavItem(
        _("Outing register"),
        "attendance:outing-register",
        roles=(Role.FRONT_DESK, Role.HR),
        order=51,
        group="attendance",
        description=_("Who is out on business today: record departures and returns"),
    ),
    NavItem(
        _("Clock records"),
        "attendance:clock-list",
        roles=(Role.FRONT_DESK, Role.HR),
        order=52,
        group="attendance",
        description=_("Enter clock times or import the time clock's file"),
    ),
    NavItem(
        _("Attendance summary"),
        "attendance:summary",
        perm="attendance.view_all_attendance",
        order=53,
        group="attendance",
        description=_("Monthly lateness, absences, leave and violations per person"),
    ),
    NavItem(
        _("My pay"),
        "attendance:pay-mine",
        roles=AREA_ROLES,
        order=54,
        group="attendance",
        description=_("My monthly pay statements once the general manager has approved them"),
    ),
    NavItem(
        _("Pay statements"),
        "attendance:pay-months",
        perm="attendance.view_all_pay",
        order=55,
        group="attendance",
        description=_("Prepare, approve and export the monthly pay statements"),
    ),
]
