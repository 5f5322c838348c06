from django.utils.translation import gettext_lazy as _

from staff.models import Role
from staff.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Dispatch"),
        "dispatch:index",
        perm="dispatch.view_dispatch_board",
        order=20,
        description=_("Dispatch leads to designers fairly, within caps"),
    ),
    NavItem(
        _("My leads"),
        "dispatch:my_leads",
        roles=(Role.DESIGNER,),
        order=21,
        description=_("Leads dispatched to you, newest first"),
    ),
]
