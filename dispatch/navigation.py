from django.utils.translation import gettext_lazy as _

from staff.models import Role
from staff.navigation import NavItem

AREA_ROLES = (
    Role.CUSTOMER_MANAGER,
    Role.DESIGN_MANAGER,
    Role.GM,
)

NAV_ITEMS = [
    NavItem(
        _("Dispatch"),
        "dispatch:index",
        roles=AREA_ROLES,
        order=20,
        description=_("Dispatch leads to designers fairly, within caps"),
    ),
]
