from django.utils.translation import gettext_lazy as _

from staff.models import Role
from staff.navigation import NavItem

AREA_ROLES = (
    Role.CS_AGENT,
    Role.CUSTOMER_MANAGER,
    Role.DESIGN_MANAGER,
    Role.GM,
)

NAV_ITEMS = [
    NavItem(
        _("Complaints"),
        "complaints:index",
        roles=AREA_ROLES,
        order=40,
        description=_("Complaint register, handling and replies"),
    ),
]
