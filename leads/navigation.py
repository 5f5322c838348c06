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
# The lifecycle pages (CB-1, CLOSE-2..4, COM-1..4).
CALLBACK_ROLES = (
    Role.CS_AGENT,
    Role.CUSTOMER_MANAGER,
    Role.DESIGN_MANAGER,
    Role.FRONT_DESK,
    Role.GM,
)
CLOSURE_ROLES = (Role.CUSTOMER_MANAGER, Role.CS_AGENT, Role.DESIGN_MANAGER, Role.GM)
GREETING_ROLES = (Role.CS_AGENT, Role.CUSTOMER_MANAGER)  # CARE-3 festival/anniversary greetings
COMMISSION_ROLES = (Role.CUSTOMER_MANAGER, Role.FRONT_DESK, Role.MARKETING_SALES, Role.DESIGNER)
LEDGER_ROLES = (Role.CUSTOMER_MANAGER, Role.HR, Role.GM)
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
        group="customers",
        description=_("Customer leads: intake, ownership claims and transfer slips"),
    ),
    NavItem(
        _("Register a customer"),
        "leads:intake",
        roles=INTAKE_ROLES,
        order=11,
        group="customers",
        description=_("Walk-ins and calls, with an instant check for existing customers"),
    ),
    NavItem(
        _("Transfer slips for HR"),
        "leads:slips_hr",
        roles=(Role.HR,),
        order=12,
        group="customers",
        description=_("Slips of dispatched marketing leads, with export"),
    ),
    NavItem(
        _("My callbacks"),
        "leads:callbacks",
        roles=(Role.CS_AGENT, Role.CUSTOMER_MANAGER, Role.DESIGN_MANAGER),
        order=13,
        group="customers",
        description=_("Customers to call back, overdue first"),
    ),
    NavItem(
        _("Closures"),
        "leads:closures",
        roles=CLOSURE_ROLES,
        order=14,
        group="customers",
        description=_("Invalid and dead leads: proposals, second callbacks, the archive"),
    ),
    NavItem(
        _("My commission"),
        "leads:commission",
        roles=COMMISSION_ROLES,
        order=15,
        group="attendance",
        description=_("Commission per contract, month by month"),
    ),
    NavItem(
        _("Commission ledger"),
        "leads:commission_ledger",
        perm="leads.view_all_commission",
        order=16,
        group="attendance",
        description=_("Everyone's commission, voids and paid months"),
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
    NavItem(_("Callbacks"), "leads:callbacks", roles=CALLBACK_ROLES),
    NavItem(_("Greetings"), "leads:greetings", roles=GREETING_ROLES),
    NavItem(_("Closures"), "leads:closures", roles=CLOSURE_ROLES),
    NavItem(_("Reason analysis"), "leads:closure_analysis", perm="leads.view_closure_analysis"),
    NavItem(_("Commission"), "leads:commission", roles=COMMISSION_ROLES),
    NavItem(_("Ledger"), "leads:commission_ledger", perm="leads.view_all_commission"),
    NavItem(_("Delegations"), "staff:delegations", roles=(*MANAGERS,)),
]
