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
        group="frontdesk",
        description=_("Walk-ins and calls, showroom visits, handover and the desk's logs"),
    ),
    NavItem(
        _("Hotline quality"),
        "frontdesk:quality",
        perm="frontdesk.view_agentdailymetric",
        order=31,
        group="frontdesk",
        description=_("Agents' daily call metrics, trends, alerts and team mood"),
    ),
    NavItem(
        _("Daily review"),
        "frontdesk:review",
        roles=(Role.CS_AGENT,),
        order=31,
        group="frontdesk",
        description=_("End of shift: today against yesterday and your benchmark, and your plan"),
    ),
    NavItem(
        _("Team daily reviews"),
        "frontdesk:review_team",
        roles=(Role.CUSTOMER_MANAGER, Role.HR, Role.GM),
        order=31,
        group="frontdesk",
        description=_("The agents' end-of-shift reviews and figures"),
    ),
    NavItem(
        _("Document register"),
        "frontdesk:documents",
        perm="frontdesk.view_document",
        order=32,
        group="frontdesk",
        description=_("Incoming and outgoing letters, faxes, contracts and notices"),
    ),
]
