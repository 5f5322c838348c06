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
        description=_("Walk-ins and calls, showroom visits, handover and the desk's logs"),
    ),
    NavItem(
        _("Hotline quality"),
        "frontdesk:quality",
        perm="frontdesk.view_agentdailymetric",
        order=31,
        description=_("Agents' daily call metrics, trends, alerts and team mood"),
    ),
    NavItem(
        _("Document register"),
        "frontdesk:documents",
        perm="frontdesk.view_document",
        order=32,
        description=_("Incoming and outgoing letters, faxes, contracts and notices"),
    ),
]
