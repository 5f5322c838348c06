from django.utils.translation import gettext_lazy as _

from staff.navigation import ALL_ROLES, NavItem

NAV_ITEMS = [
    NavItem(
        _("Complaints"),
        "complaints:index",
        perm="complaints.view_register",
        order=40,
        group="complaints",
        description=_("Complaint register, handling forms, replies and follow-ups"),
    ),
    NavItem(
        _("My department's complaints"),
        "complaints:mine",
        roles=ALL_ROLES,
        order=41,
        group="complaints",
        description=_("Complaints your department is responsible for handling"),
    ),
]
