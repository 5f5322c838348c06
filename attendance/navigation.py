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
        description=_("Attendance, leave requests and pay statements"),
    ),
]
