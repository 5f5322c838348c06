from django.utils.translation import gettext_lazy as _

from staff.models import Role
from staff.navigation import NavItem

NAV_ITEMS = [
    NavItem(
        _("Dispatch"),
        "dispatch:index",
        perm="dispatch.view_dispatch_board",
        order=20,
        group="dispatch",
        description=_("Dispatch leads to designers fairly, within caps"),
    ),
    NavItem(
        _("My leads"),
        "dispatch:my_leads",
        roles=(Role.DESIGNER,),
        order=21,
        group="dispatch",
        description=_("Leads dispatched to you, newest first"),
    ),
    NavItem(
        _("My record"),
        "dispatch:my_record",
        roles=(Role.DESIGNER,),
        order=22,
        group="dispatch",
        description=_("Your dispatched, measured and signed leads against your tier"),
    ),
    NavItem(
        _("Designers' record"),
        "dispatch:team_record",
        roles=(Role.DESIGN_MANAGER, Role.GM),
        order=23,
        group="dispatch",
        description=_("Each designer's record, quality holds and open callbacks"),
    ),
]
