"""The report pages in the sidebar: three under "Reports", the nightly jobs under "Admin"."""

from django.utils.translation import gettext_lazy as _

from staff.navigation import NavItem

from .roles import SEE_JOBS, SEE_MONTHLY, SEE_SEGMENTS, SEE_TABLES

NAV_ITEMS = [
    NavItem(
        _("Front-desk tables"),
        "reports:tables",
        perm=SEE_TABLES,
        order=33,
        group="reports",
        description=_("Daily, weekly and monthly figures of the desk, with Excel export"),
    ),
    NavItem(
        _("Monthly report"),
        "reports:monthly",
        perm=SEE_MONTHLY,
        order=34,
        group="reports",
        description=_("The GM's month: funnel, contracts, dispatch fairness, closures, complaints"),
    ),
    NavItem(
        _("Customer segments"),
        "reports:segments",
        perm=SEE_SEGMENTS,
        order=35,
        group="reports",
        description=_("Leads and signings by community, area, budget, channel and month"),
    ),
    NavItem(
        _("Nightly jobs"),
        "reports:jobs",
        perm=SEE_JOBS,
        order=36,
        group="admin",
        description=_("Runs of the nightly jobs and their outcome"),
    ),
]
