from django.utils.translation import gettext_lazy as _

from staff.models import Role
from staff.navigation import NavItem

AREA_ROLES = (
    Role.FRONT_DESK,
    Role.CS_AGENT,
    Role.CUSTOMER_MANAGER,
    Role.GM,
)

NAV_ITEMS = [
    NavItem(
        _("Front desk"),
        "frontdesk:index",
        roles=AREA_ROLES,
        order=30,
        description=_("Reception and phone logs, appointments, daily tables and reports"),
    ),
]
