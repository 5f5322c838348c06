from django.utils.translation import gettext_lazy as _

from staff.models import Role
from staff.navigation import MANAGERS, NavItem

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
    Role.GM,
)
INTAKE_ROLES = (Role.FRONT_DESK, Role.CS_AGENT, Role.CUSTOMER_MANAGER)
FILING_ROLES = (
    Role.MARKETING_SALES,
    Role.MARKETING_MANAGER,
    Role.ENGINEERING,
    Role.CUSTOMER_MANAGER,
    Role.GM,
)

NAV_ITEMS = [
    NavItem(
        _("Customer leads"),
        "leads:index",
        roles=AREA_ROLES,
        order=10,
        description=_("Customer leads: intake, ownership claims and transfer slips"),
    ),
    NavItem(
        _("Register a customer"),
        "leads:intake",
        roles=INTAKE_ROLES,
        order=11,
        description=_("Walk-ins and calls, with an instant check for existing customers"),
    ),
    NavItem(
        _("Transfer slips for HR"),
        "leads:slips_hr",
        roles=(Role.HR,),
        order=12,
        description=_("Slips of dispatched marketing leads, with export"),
    ),
]

# The tabs along the top of every leads page (same visibility rules as the menu).
SUBNAV_ITEMS = [
    NavItem(_("Leads"), "leads:index", roles=AREA_ROLES),
    NavItem(_("Register"), "leads:intake", roles=INTAKE_ROLES),
    NavItem(_("Transfer slips"), "leads:slips", roles=AREA_ROLES),
    NavItem(_("Slips for HR"), "leads:slips_hr", perm="leads.export_slips"),
    NavItem(_("Daily filing"), "leads:filings", roles=FILING_ROLES),
    NavItem(_("Phone lists"), "leads:phone_lists", perm="leads.view_phonelist"),
    NavItem(_("Delegations"), "staff:delegations", roles=(*MANAGERS,)),
]
