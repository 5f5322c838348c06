"""What each role may do in dispatch (applied to the role groups after every migrate).

- Customer manager: dispatches, forces, records declines, configures, confirms champions.
- Design manager: watches the board, records declines told to them, confirms champions, lifts
  quality holds early (QG-2).
- GM: watches the board, configures (the quality gate policy too), confirms champions, lifts
  quality holds early.
The admin's model permissions let the same managers edit the configuration rows there.
"""

from staff.models import Role

_VIEW = [
    "dispatch.view_dispatch_board",
    "dispatch.view_assignment",
    "dispatch.view_capacityrule",
    "dispatch.view_tierrule",
    "dispatch.view_seasonperiod",
    "dispatch.view_champion",
    "dispatch.confirm_champion",
    "dispatch.view_qualityhold",
    "dispatch.view_qualitypolicy",
]
_CONFIGURE = [
    "dispatch.configure_dispatch",
    "dispatch.add_capacityrule",
    "dispatch.change_capacityrule",
    "dispatch.add_tierrule",
    "dispatch.change_tierrule",
    "dispatch.delete_tierrule",
    "dispatch.add_seasonperiod",
    "dispatch.change_seasonperiod",
    "dispatch.delete_seasonperiod",
    "dispatch.add_qualitypolicy",
    "dispatch.change_qualitypolicy",
]

ROLE_PERMISSIONS = {
    Role.CUSTOMER_MANAGER: [
        *_VIEW,
        *_CONFIGURE,
        "dispatch.dispatch_leads",
        "dispatch.force_dispatch",
        "dispatch.record_decline",
    ],
    Role.DESIGN_MANAGER: [*_VIEW, "dispatch.record_decline", "dispatch.lift_quality_hold"],
    Role.GM: [*_VIEW, *_CONFIGURE, "dispatch.lift_quality_hold"],
}

# SEC-5: caps, tiers and seasons are edited on the dispatch settings page; the admin adds the
# season import (a year of ranges at once) for the customer manager.
ADMIN_ACCESS: dict[str, dict[str, str]] = {
    Role.CUSTOMER_MANAGER: {"dispatch.seasonperiod": "view add change delete import"},
}
